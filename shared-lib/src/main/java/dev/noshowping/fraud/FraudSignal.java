package dev.noshowping.fraud;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One thing for staff to look into: the merchants and articles it is about, how many times it was
 * seen, and for a price signal the article's price beside the market's median and how many crawled
 * listings that median is of.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FraudSignal(FraudSignalKind kind, List<Long> merchantIds, List<Long> articleIds, int count,
                          Long salePrice, Long marketMedianPrice, Integer marketListings) {

    static FraudSignal of(FraudSignalKind kind, List<Long> merchantIds, List<Long> articleIds, int count) {
        return new FraudSignal(kind, merchantIds, articleIds, count, null, null, null);
    }
}
