package dev.noshowping.emulator.toss;

/** One HTTP answer of the Toss emulator, before it is written to the exchange (always JSON). */
record Answer(int status, byte[] body) {
}
