package dev.noshowping.savedsearch;

/** What a saved search matched: an article on sale here, or a listing crawled from a second-hand market. */
public enum MatchKind { ARTICLE, LISTING }
