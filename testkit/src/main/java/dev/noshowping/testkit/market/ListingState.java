package dev.noshowping.testkit.market;

/**
 * Where a listing is in its life, and how each marketplace spells that. The emulator keeps one state per listing
 * and renders it per source, so a search page and a detail answer can never disagree.
 */
public enum ListingState {
    SELLING("0", "SELLING", 0),
    RESERVED("1", "RESERVED", 1),
    SOLD("3", "SOLD_OUT", 3),
    /** Taken down by the seller: out of every search, and the detail answers 404. */
    REMOVED(null, null, -1);

    private final String bunjangStatus;
    private final String bunjangSaleStatus;
    private final int joongnaState;

    ListingState(String bunjangStatus, String bunjangSaleStatus, int joongnaState) {
        this.bunjangStatus = bunjangStatus;
        this.bunjangSaleStatus = bunjangSaleStatus;
        this.joongnaState = joongnaState;
    }

    /** Bunjang search {@code status}: "0" selling, "1" reserved, "3" sold ("2", in trade, is never generated). */
    String bunjangStatus() {
        return bunjangStatus;
    }

    /** Bunjang detail {@code saleStatus}: SELLING, RESERVED, SOLD_OUT. */
    String bunjangSaleStatus() {
        return bunjangSaleStatus;
    }

    /** Joongna {@code state}: 0 on sale, 1 reserved, 3 sold. */
    int joongnaState() {
        return joongnaState;
    }
}
