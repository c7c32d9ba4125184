package dev.noshowping.crawl;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The two marketplaces: how to ask each for a search page or one listing, and how to read the answer. */
public enum MarketSource {

    BUNJANG("번개장터") {
        @Override
        public URI searchPage(CrawlSettings s, String keyword, int page) {
            // 0-based pages, newest first
            return URI.create(s.bunjangBaseUrl() + "/api/1/find_v2.json?q=" + encode(keyword)
                    + "&order=date&page=" + (page - 1) + "&n=" + s.bunjangPageSize());
        }

        @Override
        public List<MarketListing> parseSearch(String body) {
            return BunjangPages.search(body);
        }

        @Override
        public URI listing(CrawlSettings s, String externalId) {
            return URI.create(s.bunjangBaseUrl() + "/api/pms/v3/products-detail/" + encode(externalId) + "?viewerUid=-1");
        }

        @Override
        public SaleStatus parseListingStatus(String body) {
            return BunjangPages.detailStatus(body);
        }
    },

    JOONGNA("중고나라") {
        @Override
        public URI searchPage(CrawlSettings s, String keyword, int page) {
            return URI.create(s.joongnaBaseUrl() + "/search/" + encode(keyword).replace("+", "%20") + "?page=" + page);
        }

        @Override
        public List<MarketListing> parseSearch(String body) {
            return JoongnaPages.search(body);
        }

        @Override
        public URI listing(CrawlSettings s, String externalId) {
            return URI.create(s.joongnaApiBaseUrl() + "/basic/" + encode(externalId) + "?increaseViewCount=false");
        }

        @Override
        public SaleStatus parseListingStatus(String body) {
            return JoongnaPages.detailStatus(body);
        }
    };

    private final String displayName;

    MarketSource(String displayName) {
        this.displayName = displayName;
    }

    /** The name sellers know the marketplace by, for messages. */
    public String displayName() {
        return displayName;
    }

    /** Search results page {@code page}, counted from 1 whatever the site counts from. */
    public abstract URI searchPage(CrawlSettings settings, String keyword, int page);

    /** The listings of a search page; an empty list ends the results. {@link MarketFormatException} if the page changed shape. */
    public abstract List<MarketListing> parseSearch(String body);

    /** One listing's own endpoint, which still answers for sold listings. */
    public abstract URI listing(CrawlSettings settings, String externalId);

    /** SELLING, RESERVED, SOLD or UNKNOWN from a listing's own endpoint. */
    public abstract SaleStatus parseListingStatus(String body);

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
