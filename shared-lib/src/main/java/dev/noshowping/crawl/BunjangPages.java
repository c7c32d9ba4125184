package dev.noshowping.crawl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Bunjang's JSON API (see docs/marketplaces in the design): the search list
 * ({@code find_v2.json}: {@code list[]} of {pid, name, price (string), status, update_time, ad})
 * and the product detail ({@code data.product.saleStatus}).
 */
public final class BunjangPages {

    private BunjangPages() {
    }

    /** The listings of one search page, ads left out; an empty list ends the results. */
    public static List<MarketListing> search(String json) {
        JsonNode list = read(json, "search").path("list");
        if (!list.isArray()) {
            throw new MarketFormatException("Bunjang search answer has no list[]");
        }
        List<MarketListing> listings = new ArrayList<>();
        for (JsonNode item : list) {
            if (item.path("ad").asBoolean(false)) {
                continue;
            }
            String pid = item.path("pid").asText("");
            if (!pid.matches("^[0-9]{1,20}$")) {
                throw new MarketFormatException("Bunjang listing without a numeric pid: " + item);
            }
            long updated = item.path("update_time").asLong(0);
            listings.add(new MarketListing(MarketSource.BUNJANG, pid, item.path("name").asText(""), price(item.path("price")),
                    "https://m.bunjang.co.kr/products/" + pid, searchStatus(item.path("status").asText("")),
                    updated > 0 ? Instant.ofEpochSecond(updated) : null));
        }
        return listings;
    }

    /** A product's status from its detail page; sold items are still returned there. */
    public static SaleStatus detailStatus(String json) {
        JsonNode product = read(json, "product detail").path("data").path("product");
        if (!product.isObject()) {
            throw new MarketFormatException("Bunjang product detail has no data.product");
        }
        return switch (product.path("saleStatus").asText("")) {
            case "SELLING" -> SaleStatus.SELLING;
            case "RESERVED" -> SaleStatus.RESERVED;
            case "SOLD_OUT" -> SaleStatus.SOLD;
            default -> SaleStatus.UNKNOWN;
        };
    }

    /** "0" selling, "1" reserved, "2" in trade (reserved for us), "3" sold. */
    static SaleStatus searchStatus(String status) {
        return switch (status) {
            case "0" -> SaleStatus.SELLING;
            case "1", "2" -> SaleStatus.RESERVED;
            case "3" -> SaleStatus.SOLD;
            default -> SaleStatus.UNKNOWN;
        };
    }

    /** Prices come as strings ("120000", sometimes "120,000"). */
    static long price(JsonNode price) {
        String digits = price.asText("").replaceAll("[^0-9]", "");
        if (digits.isEmpty() || digits.length() > 12) {
            return 0;
        }
        return Long.parseLong(digits);
    }

    private static JsonNode read(String json, String what) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MarketFormatException("Bunjang " + what + " answer is not JSON", e);
        }
    }
}
