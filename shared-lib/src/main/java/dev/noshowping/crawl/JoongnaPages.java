package dev.noshowping.crawl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.json.Json;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Joongna's server-rendered search page: the listings are in the page's embedded data, never
 * rendered from JavaScript (a browser per page is slow and heavy). Two forms exist: the older {@code __NEXT_DATA__} script,
 * and App-Router flight chunks {@code self.__next_f.push([1,"…"])} whose decoded strings, joined
 * in order, are lines of {@code <row id>:<JSON>} (one payload may span several chunks). Either way
 * the items sit in the React-Query entry whose {@code queryKey[0]} is {@code get-search-products}.
 */
public final class JoongnaPages {

    private static final Pattern PUSH = Pattern.compile("self\\.__next_f\\.push\\((\\[.*])\\)\\s*;?\\s*$", Pattern.DOTALL);
    private static final DateTimeFormatter SORT_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId KOREA = ZoneId.of("Asia/Seoul");
    private static final String QUERY = "get-search-products";

    private JoongnaPages() {
    }

    public static List<MarketListing> search(String html) {
        Document page = Jsoup.parse(html);
        Element nextData = page.selectFirst("script#__NEXT_DATA__");
        JsonNode items = nextData != null ? fromNextData(nextData.data()) : fromFlight(page);
        if (items == null) {
            throw new MarketFormatException("Joongna search page carries no " + QUERY + " data");
        }
        List<MarketListing> listings = new ArrayList<>();
        for (JsonNode item : items) {
            String seq = item.path("seq").asText("");
            if (!seq.matches("^[0-9]{1,20}$")) {
                throw new MarketFormatException("Joongna listing without a numeric seq: " + item);
            }
            listings.add(new MarketListing(MarketSource.JOONGNA, seq, item.path("title").asText(""), item.path("price").asLong(0),
                    "https://web.joongna.com/product/" + seq, status(item.path("state").asInt(-1)),
                    posted(item.path("sortDate").asText(""))));
        }
        return listings;
    }

    /**
     * An item's status from the product API's re-check ({@code /basic/{seq}}): {@code data.state}, 0 on sale,
     * 1 reserved, 3 sold. That answer's shape is not documented (see docs/marketplaces.md): a missing
     * {@code data} object or a missing/non-integer {@code state} is a changed format, not an unknown status.
     */
    public static SaleStatus detailStatus(String json) {
        JsonNode data = read(json).path("data");
        if (!data.isObject()) {
            throw new MarketFormatException("Joongna product detail has no data object");
        }
        JsonNode state = data.path("state");
        if (!state.isIntegralNumber()) {
            throw new MarketFormatException("Joongna product detail has no integer data.state: " + state);
        }
        return status(state.asInt());
    }

    private static JsonNode fromNextData(String json) {
        JsonNode queries = read(json).path("props").path("pageProps").path("dehydratedState").path("queries");
        for (JsonNode query : queries) {
            if (QUERY.equals(query.path("queryKey").path(0).asText())) {
                return query.path("state").path("data").path("data").path("items");
            }
        }
        return null;
    }

    /** Joins every flight chunk's string in page order, then reads each {@code id:JSON} line. */
    private static JsonNode fromFlight(Document page) {
        StringBuilder stream = new StringBuilder();
        for (Element script : page.select("script")) {
            Matcher m = PUSH.matcher(script.data().strip());
            if (!m.find()) {
                continue;
            }
            JsonNode push = read(m.group(1));
            if (push.isArray() && push.size() > 1 && push.get(0).asInt() == 1 && push.get(1).isTextual()) {
                stream.append(push.get(1).asText());
            }
        }
        for (String line : stream.toString().split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String rest = line.substring(colon + 1);
            if (!rest.startsWith("{") && !rest.startsWith("[")) {
                continue;
            }
            JsonNode found;
            try {
                found = find(Json.MAPPER.readTree(rest));
            } catch (JsonProcessingException e) {
                continue; // rows of other shapes (components, text) are not ours to read
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Depth-first: the items of the first React-Query entry for the search. */
    private static JsonNode find(JsonNode node) {
        if (node.isObject()) {
            if (QUERY.equals(node.path("queryKey").path(0).asText(null))) {
                JsonNode items = node.path("state").path("data").path("data").path("items");
                if (items.isArray()) {
                    return items;
                }
            }
            for (JsonNode child : node) {
                JsonNode found = find(child);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                JsonNode found = find(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** 0 on sale, 1 reserved, 3 sold. */
    static SaleStatus status(int state) {
        return switch (state) {
            case 0 -> SaleStatus.SELLING;
            case 1 -> SaleStatus.RESERVED;
            case 3 -> SaleStatus.SOLD;
            default -> SaleStatus.UNKNOWN;
        };
    }

    private static java.time.Instant posted(String sortDate) {
        try {
            return LocalDateTime.parse(sortDate, SORT_DATE).atZone(KOREA).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MarketFormatException("Joongna page data is not JSON", e);
        }
    }
}
