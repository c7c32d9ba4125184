package dev.noshowping.functions.article;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noshowping.config.Environment;
import dev.noshowping.db.Database;
import dev.noshowping.identity.Caller;
import dev.noshowping.identity.Role;
import dev.noshowping.json.Json;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.screenshot.ScreenshotStorage;
import dev.noshowping.screenshot.ScreenshotUpload;
import dev.noshowping.screenshot.SignScreenshotUrls;
import dev.noshowping.screenshot.UploadTicket;
import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.Marketplace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** A seller as the app drives one: becomes a merchant, uploads screenshots to S3, posts articles. */
final class Seller {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final String subject;
    final ArticleApiHandler api;

    Seller(String subject, ArticleApiHandler api) {
        this.subject = subject;
        this.api = api;
    }

    static Seller registered(String subject, ArticleApiHandler api) {
        Seller s = new Seller(subject, api);
        var reply = ApiCall.as(subject).verifiedPhone("+821012345678").post("/merchants", """
                {"merchantName":"%s 여행샵","payoutBank":"088","payoutAccount":"110-123-456789"}
                """.formatted(subject)).invoke(api);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        return s;
    }

    /** A screenshot announced, then really uploaded through its presigned URL, as the app does. */
    long uploadedScreenshot() throws Exception {
        UploadTicket ticket = announcedScreenshot();
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(ticket.uploadUrl()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(PNG));
        ticket.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length")) { // the client sets it from the body
                put.header(name, value);
            }
        });
        HttpResponse<String> response = HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ticket.screenshotId();
    }

    /** A screenshot whose upload URL was issued but never used. */
    UploadTicket announcedScreenshot() {
        var urls = new SignScreenshotUrls(Database::dataSource, Lazy.of(() -> ScreenshotStorage.from(Environment.current())));
        return urls.upload(new Caller(subject, Role.USER), new ScreenshotUpload("image/png", (long) PNG.length));
    }

    ObjectNode validArticle(List<Long> screenshotIds) {
        ObjectNode a = Marketplace.articleRequestBody();
        ArrayNode shots = a.putArray("screenshotIds");
        screenshotIds.forEach(shots::add);
        return a;
    }

    ApiCall.Reply post(ObjectNode article) {
        return ApiCall.as(subject).post("/articles", Json.write(article)).invoke(api);
    }

    /** Posts a valid article with one fresh screenshot; returns its id. */
    long publish(java.util.function.Consumer<ObjectNode> changes) throws Exception {
        ObjectNode article = validArticle(List.of(uploadedScreenshot()));
        changes.accept(article);
        var reply = post(article);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        return reply.json().get("id").asLong();
    }
}
