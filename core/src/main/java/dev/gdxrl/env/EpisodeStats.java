package dev.gdxrl.env;

/** Undiscounted return and length of one finished episode. */
public record EpisodeStats(double episodeReturn, int length, boolean terminated, boolean truncated) {}
