package dev.noshowping.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noshowping.article.CreateArticle;
import dev.noshowping.article.NewArticle;
import dev.noshowping.config.Environment;
import dev.noshowping.crypto.FieldCipher;
import dev.noshowping.db.Database;
import dev.noshowping.identity.Caller;
import dev.noshowping.identity.Role;
import dev.noshowping.json.Json;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.merchant.NewMerchant;
import dev.noshowping.merchant.RegisterMerchant;
import dev.noshowping.net.HttpCall;
import dev.noshowping.ratelimit.LimitedAction;
import dev.noshowping.ratelimit.RateLimit;
import dev.noshowping.screenshot.ScreenshotStorage;
import dev.noshowping.screenshot.ScreenshotUpload;
import dev.noshowping.screenshot.SignScreenshotUrls;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Articles on sale for the buyer-flow tests, made through the seller flow's own use cases (merchant,
 * a screenshot really uploaded to S3 through its presigned URL, the article) — no SQL shortcuts.
 * Needs {@link PostgresExtension} and {@link S3Extension}.
 */
public final class Marketplace {

    private static final HttpCall HTTP = new HttpCall(Duration.ofSeconds(3), Duration.ofSeconds(20));
    private static final byte[] IMAGE = {1, 2, 3, 4, 5, 6, 7, 8};
    /** Fixtures make as many articles as a test needs; the limit itself is tested through the API. */
    public static final RateLimit UNLIMITED = new RateLimit(LimitedAction.ARTICLE_CREATE, Integer.MAX_VALUE, Duration.ofSeconds(1));

    private Marketplace() {
    }

    /**
     * The body of {@code POST /articles} the seller tests and the benchmark send (a Jeju hotel night,
     * 30 days ahead in Korea), without {@code screenshotIds}: the caller adds its own.
     */
    public static ObjectNode articleRequestBody() {
        LocalDate checkIn = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(30);
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("title", "제주 한라호텔 1박 양도");
        a.put("description", "일정이 바뀌어 양도합니다. 조식 포함.");
        a.put("accommodationName", "한라호텔");
        a.put("region", "JEJU");
        a.put("checkIn", checkIn.toString());
        a.put("checkOut", checkIn.plusDays(1).toString());
        a.put("originalPrice", 320000);
        a.put("salePrice", 300000);
        ObjectNode product = a.putObject("serviceProduct");
        product.put("roomType", "디럭스 더블");
        product.put("guests", 2);
        product.putObject("options").put("breakfast", true);
        ObjectNode reservation = a.putObject("reservation");
        reservation.put("bookingPlatform", "YANOLJA");
        reservation.put("bookingReference", "YJ-20261224-0001");
        reservation.put("guestName", "홍길동");
        reservation.put("transferMethod", "NAME_CHANGE");
        a.putArray("externalLinks").add("https://m.bunjang.co.kr/products/123456789?ref=share");
        return a;
    }

    /**
     * A completed sale of a new article of {@code seller} at {@code price} to a new buyer, with its
     * settlement (5 % fee) payable {@code payableInDays} from today, written straight to the tables
     * (what the order's life after the payment leaves behind); returns the order's id.
     */
    public static long completedSale(String seller, long price, int payableInDays) {
        long article = articleOnSale(seller, price);
        try {
            Rows.execute(Database.dataSource(), "update article set status = 'SOLD' where id = " + article);
            return Rows.number(Database.dataSource(), """
                    with buyer as (insert into app_user (external_subject) values ('buyer-of-' || %1$d) returning id),
                    o as (insert into orders (origin_order_id, article_id, buyer_user_id, seller_user_id, amount, status,
                                              hold_expires_at, guest_name, paid_at, completed_at)
                          select 'ord_sold_' || %1$d, a.id, buyer.id, m.user_id, a.sale_price, 'COMPLETED', now(), '김민수',
                                 now(), now()
                          from article a join merchant m on m.id = a.merchant_id, buyer where a.id = %1$d
                          returning id, amount, article_id),
                    s as (insert into settlement (order_id, merchant_id, gross, fee_bps, fee, net, payable_on)
                          select o.id, a.merchant_id, o.amount, 500, o.amount / 20, o.amount - o.amount / 20, current_date + %2$d
                          from o join article a on a.id = o.article_id)
                    select id from o""".formatted(article, payableInDays));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new merchant {@code seller} (once) selling one article at {@code salePrice}; returns the article id. */
    public static long articleOnSale(String seller, long salePrice) {
        return articleOnSale(seller, salePrice, null);
    }

    /** The same, also listed on second-hand markets at {@code externalLinks} (product page URLs). */
    public static long articleOnSale(String seller, long salePrice, List<String> externalLinks) {
        return articleOnSale(seller, salePrice, "YJ-" + System.nanoTime(), externalLinks);
    }

    /**
     * The same, of the YANOLJA booking {@code bookingReference}: a stay at 오션리조트 (GANGWON) 21 days
     * from today in Korea, for two nights.
     */
    public static long articleOnSale(String seller, long salePrice, String bookingReference, List<String> externalLinks) {
        return articleOnSale(Database::dataSource, seller, salePrice, bookingReference, externalLinks);
    }

    /** The same, in {@code database} instead of the environment's: the cold-start benchmark's seeds. */
    public static long articleOnSale(Supplier<DataSource> database, String seller, long salePrice, String bookingReference,
                                     List<String> externalLinks) {
        // the seller signed in with a verified phone: the only number a merchant's alimtalk goes to
        Caller caller = new Caller(seller, Role.USER, "+821055551234");
        Lazy<FieldCipher> cipher = Lazy.of(() -> new FieldCipher(Environment.current().require("DATA_ENCRYPTION_KEY")));
        Lazy<ScreenshotStorage> storage = Lazy.of(() -> ScreenshotStorage.from(Environment.current()));
        RegisterMerchant merchants = new RegisterMerchant(database, cipher);
        try {
            merchants.me(caller);
        } catch (dev.noshowping.domain.NotFound notYet) {
            merchants.register(caller, new NewMerchant(seller + " 숙소", "088", "110-123-456789", null));
        }
        long screenshot = uploadedScreenshot(database, caller, storage);
        LocalDate in = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(21);
        var article = new NewArticle("강릉 오션뷰 리조트 양도", "조식 포함", "오션리조트", "GANGWON", in, in.plusDays(2),
                salePrice + 50_000, salePrice, new NewArticle.ServiceProduct("오션뷰 스위트", 2, null),
                new NewArticle.Reservation("YANOLJA", bookingReference, "박지민", "NAME_CHANGE"),
                List.of(screenshot), externalLinks);
        var created = new CreateArticle(database, cipher, storage, UNLIMITED, Clock.systemUTC())
                .create(caller, article, null, "0".repeat(64));
        return ((CreateArticle.Result.Created) created).article().id();
    }

    /** A screenshot of {@code seller} (already a merchant) really uploaded through its presigned PUT; returns its id. */
    public static long uploadedScreenshot(String seller) {
        return uploadedScreenshot(Database::dataSource, new Caller(seller, Role.USER, "+821055551234"),
                Lazy.of(() -> ScreenshotStorage.from(Environment.current())));
    }

    /** {@code bytes} PUT to S3 through a presigned URL, as a seller's browser puts them; S3 must answer 200. */
    public static void putThroughPresignedUrl(URI url, Map<String, String> headers, byte[] bytes) {
        try {
            int status = HTTP.send("PUT", url, headers, bytes).status();
            if (status != 200) {
                throw new IllegalStateException("upload failed: " + status);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long uploadedScreenshot(Supplier<DataSource> database, Caller caller, Lazy<ScreenshotStorage> storage) {
        var ticket = new SignScreenshotUrls(database, storage)
                .upload(caller, new ScreenshotUpload("image/png", (long) IMAGE.length));
        putThroughPresignedUrl(URI.create(ticket.uploadUrl()), Map.of("Content-Type", "image/png"), IMAGE);
        return ticket.screenshotId();
    }
}
