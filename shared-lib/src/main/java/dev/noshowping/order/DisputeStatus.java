package dev.noshowping.order;

/** A dispute waits for staff ({@code OPEN}) until one of them decides it, once ({@code RESOLVED}). */
public enum DisputeStatus { OPEN, RESOLVED }
