package dev.noshowping.screenshot;

/** A screenshot is signed ({@code PENDING}), then in the bucket ({@code UPLOADED}), then part of an article ({@code LINKED}). */
public enum ScreenshotStatus { PENDING, UPLOADED, LINKED }
