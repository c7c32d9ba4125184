package dev.noshowping.testkit.market;

/**
 * How a Joongna search page embeds its data (both forms are live on the real site, see the design's
 * marketplaces.md): the crawler must read either, so the emulator serves either.
 */
public enum JoongnaForm {
    /** The older Pages-Router form: {@code <script id="__NEXT_DATA__" type="application/json">}. */
    NEXT_DATA,
    /** The current App-Router form: {@code self.__next_f.push([1,"…"])} chunks, the search payload split across several. */
    FLIGHT,
    /** Odd pages {@link #NEXT_DATA}, even pages {@link #FLIGHT}: one crawl meets both (the default). */
    ALTERNATE;

    /** The concrete form of 1-based {@code page}. */
    JoongnaForm on(int page) {
        if (this != ALTERNATE) {
            return this;
        }
        return page % 2 == 1 ? NEXT_DATA : FLIGHT;
    }
}
