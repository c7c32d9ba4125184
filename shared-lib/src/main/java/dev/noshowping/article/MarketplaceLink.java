package dev.noshowping.article;

import dev.noshowping.crawl.MarketSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A listing of the same item on a second-hand market, parsed from the URL the seller pasted into
 * source and external id. The stored URL is rebuilt from those two: nothing of the pasted text
 * (query strings, tracking parameters, other paths) is kept.
 */
public record MarketplaceLink(MarketSource market, String externalId) {

    private static final Set<String> BUNJANG_HOSTS = Set.of("m.bunjang.co.kr", "bunjang.co.kr", "www.bunjang.co.kr");
    private static final Set<String> JOONGNA_HOSTS = Set.of("web.joongna.com", "joongna.com", "www.joongna.com", "m.joongna.com");
    private static final Pattern BUNJANG_PATH = Pattern.compile("^/products/([0-9]{1,20})/?$");
    private static final Pattern JOONGNA_PATH = Pattern.compile("^/product/([0-9]{1,20})/?$");

    /** The market's name, as {@code external_link.source} and the article's answer hold it. */
    public String source() {
        return market.name();
    }

    public String url() {
        return market == MarketSource.BUNJANG
                ? "https://m.bunjang.co.kr/products/" + externalId
                : "https://web.joongna.com/product/" + externalId;
    }

    /** Empty when the URL is not a Bunjang or Joongna product page. */
    public static Optional<MarketplaceLink> parse(String text) {
        if (text == null || text.length() > 2048) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getUserInfo() != null
                || uri.getPort() != -1 && uri.getPort() != 443 && uri.getPort() != 80) {
            return Optional.empty();
        }
        if (BUNJANG_HOSTS.contains(host)) {
            Matcher m = BUNJANG_PATH.matcher(path);
            return m.matches() ? Optional.of(new MarketplaceLink(MarketSource.BUNJANG, m.group(1))) : Optional.empty();
        }
        if (JOONGNA_HOSTS.contains(host)) {
            Matcher m = JOONGNA_PATH.matcher(path);
            return m.matches() ? Optional.of(new MarketplaceLink(MarketSource.JOONGNA, m.group(1))) : Optional.empty();
        }
        return Optional.empty();
    }
}
