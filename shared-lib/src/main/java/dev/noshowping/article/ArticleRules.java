package dev.noshowping.article;

import dev.noshowping.domain.Validation;
import dev.noshowping.json.Json;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What makes an article request valid. Every broken rule is reported, each under its field's JSON path. */
public final class ArticleRules {

    public static final Pattern CODE = Pattern.compile("^[A-Z][A-Z0-9_]{1,31}$");
    public static final long MAX_PRICE = 1_000_000_000L;
    public static final int MAX_NIGHTS = 30;
    public static final int MAX_SCREENSHOTS = 10;
    public static final int MAX_LINKS = 5;
    public static final int MAX_OPTIONS_CHARS = 2_000;

    private ArticleRules() {
    }

    /** Validates {@code a} as of {@code today} (Korea's date); returns the parsed external links. */
    public static List<MarketplaceLink> validate(NewArticle a, LocalDate today) {
        Validation v = new Validation();
        v.text("title", a.title(), 1, 100);
        v.optionalText("description", a.description(), 0, 5000);
        v.text("accommodationName", a.accommodationName(), 1, 100);
        v.pattern("region", a.region(), CODE, "an upper-case region code such as JEJU");
        if (v.required("checkIn", a.checkIn())) {
            v.check(!a.checkIn().isBefore(today), "checkIn", "must not be in the past");
            v.check(!a.checkIn().isAfter(today.plusYears(2)), "checkIn", "must be within two years");
        }
        if (v.required("checkOut", a.checkOut()) && a.checkIn() != null) {
            if (!a.checkOut().isAfter(a.checkIn())) {
                v.add("checkOut", "must be after checkIn");
            } else {
                v.check(ChronoUnit.DAYS.between(a.checkIn(), a.checkOut()) <= MAX_NIGHTS, "checkOut",
                        "a stay may last at most " + MAX_NIGHTS + " nights");
            }
        }
        v.range("originalPrice", a.originalPrice(), 1, MAX_PRICE);
        v.range("salePrice", a.salePrice(), 1, MAX_PRICE);
        if (a.salePrice() != null && a.originalPrice() != null && a.salePrice() > a.originalPrice()) {
            v.add("salePrice", "must not exceed originalPrice (no resale above cost)");
        }
        if (v.required("serviceProduct", a.serviceProduct())) {
            var p = a.serviceProduct();
            v.text("serviceProduct.roomType", p.roomType(), 1, 100);
            v.range("serviceProduct.guests", p.guests() == null ? null : p.guests().longValue(), 1, 50);
            if (p.options() != null) {
                v.check(Json.write(p.options()).length() <= MAX_OPTIONS_CHARS, "serviceProduct.options",
                        "must be at most " + MAX_OPTIONS_CHARS + " characters of JSON");
            }
        }
        if (v.required("reservation", a.reservation())) {
            var r = a.reservation();
            v.pattern("reservation.bookingPlatform", r.bookingPlatform(), CODE, "an upper-case platform code such as YANOLJA");
            v.text("reservation.bookingReference", r.bookingReference(), 1, 100);
            v.text("reservation.guestName", r.guestName(), 1, 50);
            v.pattern("reservation.transferMethod", r.transferMethod(), CODE, "an upper-case code such as NAME_CHANGE");
        }
        if (v.required("screenshotIds", a.screenshotIds())) {
            List<Long> ids = a.screenshotIds();
            v.check(!ids.isEmpty() && ids.size() <= MAX_SCREENSHOTS, "screenshotIds",
                    "must hold 1 to " + MAX_SCREENSHOTS + " screenshot ids");
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < ids.size(); i++) {
                Long id = ids.get(i);
                if (id == null || id <= 0) {
                    v.add("screenshotIds[" + i + "]", "must be a screenshot id");
                } else if (!seen.add(id)) {
                    v.add("screenshotIds[" + i + "]", "is listed twice");
                }
            }
        }
        List<MarketplaceLink> links = new ArrayList<>();
        if (a.externalLinks() != null) {
            v.check(a.externalLinks().size() <= MAX_LINKS, "externalLinks", "must hold at most " + MAX_LINKS + " links");
            for (int i = 0; i < a.externalLinks().size(); i++) {
                String field = "externalLinks[" + i + "]";
                var parsed = MarketplaceLink.parse(a.externalLinks().get(i));
                if (parsed.isEmpty()) {
                    v.add(field, "must be a Bunjang (m.bunjang.co.kr/products/…) or Joongna (web.joongna.com/product/…) listing URL");
                } else if (links.contains(parsed.get())) {
                    v.add(field, "is listed twice");
                } else {
                    links.add(parsed.get());
                }
            }
        }
        v.throwIfInvalid();
        return links;
    }

    public static void validate(ArticlePatch p) {
        Validation v = new Validation();
        if (v.required("version", p.version())) {
            v.check(p.version() >= 0, "version", "must not be negative");
        }
        v.check(p.title() != null || p.description() != null || p.salePrice() != null, "body",
                "change at least one of title, description, salePrice");
        v.optionalText("title", p.title(), 1, 100);
        v.optionalText("description", p.description(), 0, 5000);
        if (p.salePrice() != null) {
            v.range("salePrice", p.salePrice(), 1, MAX_PRICE);
        }
        v.throwIfInvalid();
    }
}
