package dev.noshowping.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.testkit.Await;
import dev.noshowping.testkit.RepoRoot;
import dev.noshowping.testkit.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The ops console in headless Chromium against the whole local stack: an operator signs in with the
 * local admin token and clicks through the staff actions; what each action causes is then checked
 * where it lands (the SOLAPI and Toss emulators' own records, the queues). Each test leaves a
 * screenshot in target/screenshots/. Skipped, never failed, where no Chromium is installed.
 */
class ConsoleBrowserTest {

    @TempDir
    static Path localDir;

    static LocalStack stack;
    static HeadlessChromium chromium;
    static ChromeDriver driver;
    static StackClient api;
    static WebDriverWait wait;
    /** Selenium looks again every 500 ms by default: most conditions hold within a few ms of a click. */
    static final Duration POLL = Duration.ofMillis(25);

    @BeforeAll
    static void start() throws Exception {
        var browser = HeadlessChromium.browser();
        var chromedriver = HeadlessChromium.chromedriver();
        Assumptions.assumeTrue(browser.isPresent() && chromedriver.isPresent(),
                "ConsoleBrowserTest skipped: no Chromium and chromedriver found (/usr/bin/chromium, /usr/bin/chromedriver; "
                        + "apt-get install chromium chromium-driver, or set CHROME_BIN and CHROMEDRIVER)");
        Path root = RepoRoot.path();
        // the browser starts while the stack does: each spends most of its start waiting on the other core
        var starting = CompletableFuture.supplyAsync(() -> {
            try {
                return new HeadlessChromium(browser.get(), chromedriver.get());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            TestPostgres.seed(LocalStack.postgresDirectory(localDir));
            stack = LocalStack.start(StackOptions.forTests(root, root.resolve("template.yaml"), localDir));
        } finally {
            // kept even when the stack failed, so that stop() closes the browser too
            chromium = starting.handle((started, failure) -> started).join();
        }
        if (chromium == null) {
            starting.join();   // the browser's own failure
        }
        api = new StackClient(stack);
        driver = chromium.driver();
        // the page draws a table again when it polls: an element found a moment ago may be gone
        wait = new WebDriverWait(driver, Duration.ofSeconds(20), POLL);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    @BeforeEach
    void signedOut() {
        driver.get(stack.gatewayUrl() + "/admin/");
        driver.executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    }

    @AfterEach
    void screenshot(TestInfo test) throws Exception {
        chromium.screenshot(RepoRoot.path().resolve("infra/system/target/screenshots/"
                + test.getTestMethod().orElseThrow().getName() + ".png"));
    }

    // ---------------------------------------------------------------- what an operator does

    static void signInAsAdmin() {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("local-token"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
        assertThat(driver.findElement(By.id("who-name")).getText()).isEqualTo("ops-1 (ADMIN)");
    }

    static void open(String hash) {
        driver.get(stack.gatewayUrl() + "/admin/" + hash);
    }

    /** The reason dialog: typed, then sent with its button; the dialog closes when the API said yes. */
    static void giveReason(String reason) {
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
        WebElement field = dialog.findElement(By.cssSelector("textarea"));
        assertThat(driver.switchTo().activeElement()).as("the dialog takes the focus").isEqualTo(field);
        field.sendKeys(reason);
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("dialog[open]"), 0));
    }

    static WebElement row(String table, Object id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#" + table + " tr[data-id='" + id + "']")));
    }

    /** A cell's text now; inside {@code wait.until} a row not drawn yet is waited for, not a failure. */
    static String cell(String table, Object id, String column) {
        return driver.findElement(By.cssSelector("#" + table + " tr[data-id='" + id + "'] td[data-col='" + column + "']")).getText();
    }

    static void statusSays(String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), text));
    }

    // ---------------------------------------------------------------- the click-throughs

    @Test
    void anOperatorVerifiesAMerchant() throws Exception {
        StackClient.Seller seller = api.seller("console-verify", "인증대기샵", "+821020000001");
        signInAsAdmin();
        open("#/merchants?status=UNVERIFIED");
        assertThat(row("merchants-table", seller.merchantId()).getText()).contains("인증대기샵");

        wait.until(ExpectedConditions.elementToBeClickable(By.id("verify-" + seller.merchantId()))).click();
        giveReason("사업자 서류 확인");
        statusSays("인증했습니다");
        assertThat(driver.switchTo().activeElement().getTagName()).as("focus left the closed dialog").isNotEqualTo("textarea");

        // the filter lives in the URL: choosing VERIFIED shows the merchant there
        new Select(driver.findElement(By.id("merchant-status"))).selectByValue("VERIFIED");
        driver.findElement(By.cssSelector("#merchant-filters button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("status=VERIFIED"));
        // the list is drawn again after the URL changes: wait for the row of the new list
        wait.until(d -> cell("merchants-table", seller.merchantId(), "standing").contains("인증됨"));
        JsonNode log = api.send("GET", "/admin/actions?targetType=MERCHANT&targetId=" + seller.merchantId(),
                api.token("auditor", "ADMIN", null), null).body();
        assertThat(log.at("/items/0/kind").asText()).isEqualTo("MERCHANT_VERIFIED");
        assertThat(log.at("/items/0/adminSubject").asText()).isEqualTo("ops-1");
        assertThat(log.at("/items/0/reason").asText()).isEqualTo("사업자 서류 확인");
    }

    @Test
    void aTakenDownArticleTellsItsSellerByAlimtalk() throws Exception {
        StackClient.Seller seller = api.seller("console-takedown", "중단샵", "+821020000002");
        long article = api.article(seller, "게시중단 확인 호텔", 90_000);
        signInAsAdmin();
        open("#/articles");
        // the search form submits with Enter and puts its text in the URL; the row links to the article
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("article-q"))).sendKeys("게시중단 확인", Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("q="));
        wait.until(d -> cell("articles-table", article, "status").equals("판매 중"));
        row("articles-table", article).findElement(By.linkText(String.valueOf(article))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("article-facts"), "판매 중"));

        wait.until(ExpectedConditions.elementToBeClickable(By.id("take-down-" + article))).click();
        giveReason("예약 확인서가 흐립니다");
        statusSays("게시 중단했습니다");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("article-facts"), "게시 중단"));

        // the outbox row reaches the notification consumer, which sends the seller's alimtalk
        assertThat(api.send("POST", "/_local/schedules/MaintenanceFunction/run", null, null).status()).isEqualTo(200);
        Await.until(Duration.ofSeconds(15), "the SOLAPI emulator received the take-down alimtalk",
                () -> takeDownAlimtalk(seller.phone()) != null);
        JsonNode message = takeDownAlimtalk(seller.phone());
        assertThat(message.toString()).contains("예약 확인서가 흐립니다");
    }

    /** The SOLAPI emulator's record of accepted messages, read over HTTP through the gateway. */
    static JsonNode takeDownAlimtalk(String phone) {
        try {
            JsonNode messages = api.send("GET", "/_local/solapi/messages", null, null).body();
            String to = phone.replace("+82", "0");
            for (JsonNode m : messages.isArray() ? messages : messages.path("messages")) {
                if ("NSP_ARTICLE_TAKEN_DOWN".equals(m.path("templateId").asText())
                        && (m.path("to").asText().equals(to) || m.path("to").asText().equals(phone))) {
                    return m;
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void oneScreenshotOnTwoArticlesIsAFraudSignalThatLinksToBoth() throws Exception {
        // the same bytes uploaded twice: S3's events leave one SHA-256 on both screenshots
        StackClient.Seller first = api.seller("console-fraud-1", "복제샵", "+821020000011");
        StackClient.Seller second = api.seller("console-fraud-2", "복제샵 둘", "+821020000012");
        long a = api.article(first, "같은 캡처 호텔", 80_000);
        long b = api.article(second, "같은 캡처 호텔 둘", 80_000);
        signInAsAdmin();
        open("#/fraud");
        WebElement signal = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#fraud-signals li[data-kind='SAME_SCREENSHOT']")));
        assertThat(signal.getText()).contains("같은 예약 캡처");
        assertThat(signal.findElement(By.linkText("게시글 " + a)).getAttribute("href")).endsWith("#/articles/" + a);
        signal.findElement(By.linkText("게시글 " + b)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("article-facts"), "같은 캡처 호텔 둘"));
    }

    @Test
    void theDashboardChartsTodaysOrdersAndShowsTheFiguresAsATable() throws Exception {
        StackClient.Seller seller = api.seller("console-dashboard", "대시보드샵", "+821020000013");
        api.paid(api.token("console-dashboard-buyer", "USER", "+821020000014"), api.article(seller, "대시보드 호텔", 70_000));
        signInAsAdmin();
        open("#/dashboard?days=7");
        WebElement chart = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#chart-orders svg")));
        assertThat(chart.findElements(By.cssSelector("rect title, title"))).isNotEmpty();
        driver.findElement(By.cssSelector("details summary")).click();
        // newest day first in the table: today in Korea, with at least this test's order made and paid
        WebElement today = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#stats-table tbody tr")));
        List<WebElement> cells = today.findElements(By.tagName("td"));
        assertThat(cells.get(0).getText()).isEqualTo(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Seoul")).toString());
        assertThat(Integer.parseInt(cells.get(1).getText())).isPositive();
        assertThat(Integer.parseInt(cells.get(2).getText())).isPositive();
        assertThat(driver.findElements(By.cssSelector("#stats-table tbody tr"))).hasSize(7);
    }

    @Test
    void aDisputeResolvedWithAPartialRefundCancelsPartOfThePaymentAtToss() throws Exception {
        StackClient.Seller seller = api.seller("console-dispute-seller", "분쟁샵", "+821020000003");
        long article = api.article(seller, "분쟁 확인 리조트", 200_000);
        String buyer = api.token("console-buyer", "USER", "+821020000004");
        StackClient.PaidOrder order = api.paid(buyer, article);
        long dispute = api.dispute(buyer, order);
        signInAsAdmin();
        open("#/disputes");
        row("disputes-table", dispute);

        wait.until(ExpectedConditions.elementToBeClickable(By.id("resolve-" + dispute))).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
        new Select(dialog.findElement(By.name("outcome"))).selectByValue("PARTIAL_REFUND");
        WebElement amount = wait.until(ExpectedConditions.visibilityOf(dialog.findElement(By.name("amount"))));
        amount.sendKeys("50000");
        dialog.findElement(By.name("note")).sendKeys("조식 미포함분 환불");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        statusSays("부분 환불");

        JsonNode calls = api.send("GET", "/_local/toss/calls", null, null).body();
        assertThat(calls.at("/" + order.orderId() + "/cancelCalls").asInt()).as(calls.toString()).isEqualTo(1);
        assertThat(calls.at("/" + order.orderId() + "/refunded").asLong()).isEqualTo(50_000);
        open("#/orders/" + order.id());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("order-status"), "부분 환불됨"));
    }

    @Test
    void aProblemFromTheApiIsShownInTheDialogNamingTheField() throws Exception {
        StackClient.Seller seller = api.seller("console-problem-seller", "문제샵", "+821020000005");
        long article = api.article(seller, "검증 확인 펜션", 100_000);
        String buyer = api.token("console-problem-buyer", "USER", "+821020000006");
        long dispute = api.dispute(buyer, api.paid(buyer, article));
        signInAsAdmin();
        open("#/disputes");
        row("disputes-table", dispute).findElement(By.id("resolve-" + dispute)).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
        new Select(dialog.findElement(By.name("outcome"))).selectByValue("PARTIAL_REFUND");
        // as much as the order: the API refuses it, naming the amount
        dialog.findElement(By.name("amount")).sendKeys("100000");
        dialog.findElement(By.name("note")).sendKeys("전액과 같은 부분 환불");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open] [data-field='amount'] .field-error")));
        wait.until(d -> !error.getText().isBlank());
        assertThat(error.getText()).contains("환불 금액").contains("amount");
        assertThat(dialog.findElement(By.name("amount")).getAttribute("aria-invalid")).isEqualTo("true");
        dialog.findElement(By.name("amount")).sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("dialog[open]"), 0));
        assertThat(driver.switchTo().activeElement().getAttribute("id")).as("focus back on the opener").isEqualTo("resolve-" + dispute);
    }

    @Test
    void aFailedPayoutIsRetried() throws Exception {
        StackClient.Seller seller = api.seller("console-payout", "정산샵", "+821020000007");
        // what the payout run leaves when Toss failed a payout three times (PayoutRun.MAX_ATTEMPTS)
        long payout = Long.parseLong(api.ownerQuery("""
                insert into payout (merchant_id, amount, status, attempt, ref_payout_id, idempotency_key, sent_at,
                                    failure_code, failure_message)
                values (%d, 145500, 'FAILED', 3, 'po_console00001', 'console-key-1', now(), 'INVALID_ACCOUNT', '계좌 없음')
                returning id""".formatted(seller.merchantId())));
        signInAsAdmin();
        open("#/payouts?status=FAILED");
        assertThat(row("payouts-table", payout).getText()).contains("INVALID_ACCOUNT").contains("정산샵");

        wait.until(ExpectedConditions.elementToBeClickable(By.id("retry-" + payout))).click();
        giveReason("계좌 정정 확인");
        statusSays("재시도로 돌렸습니다");
        open("#/payouts");
        wait.until(d -> !cell("payouts-table", payout, "status").contains("실패"));
        assertThat(driver.findElements(By.id("retry-" + payout))).isEmpty();
        assertThat(api.ownerQuery("select status from payout where id = " + payout)).isNotEqualTo("FAILED");
    }

    @Test
    void aCrawlStartedNowShowsItsCountsAsTheyArrive() throws Exception {
        signInAsAdmin();
        open("#/crawl");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("start-crawl"))).click();
        giveReason("키워드 점검");
        statusSays("시작했습니다");
        long run = Long.parseLong(api.ownerQuery("select max(id) from crawl_run"));
        row("crawl-runs", run);
        // the page follows the run while it is going: pages and new listings fill in, then it ends
        new WebDriverWait(driver, Duration.ofSeconds(40), POLL).ignoring(StaleElementReferenceException.class)
                .until(d -> !cell("crawl-runs", run, "finished").contains("진행 중"));
        assertThat(Integer.parseInt(cell("crawl-runs", run, "pages").replace(",", ""))).isPositive();
        assertThat(Integer.parseInt(cell("crawl-runs", run, "new").replace(",", ""))).isPositive();
        List<WebElement> bars = driver.findElements(By.cssSelector("#crawl-chart rect[data-series='페이지']"));
        assertThat(bars).isNotEmpty();
        assertThat(Integer.parseInt(bars.get(bars.size() - 1).getAttribute("data-value"))).isPositive();
    }

    @Test
    void aTokenWithoutTheAdminRoleSeesARefusalAndNoData() throws Exception {
        api.seller("console-hidden", "숨김샵", "+821020000008");
        String user = api.token("someone", "USER", null);
        driver.findElement(By.id("token")).sendKeys(user, Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
        open("#/merchants");
        WebElement refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("refusal")));
        assertThat(refusal.getText()).contains("관리자 권한이 없습니다");
        assertThat(driver.findElements(By.id("merchants-table"))).isEmpty();
        assertThat(driver.findElement(By.id("main")).getText()).doesNotContain("숨김샵");
    }

    @Test
    void aDeadLetterIsRedrivenBackToItsQueue() throws Exception {
        // nobody consumes the resale queue in this test class, so the moved message stays there to be seen
        stack.stopConsumers("ResaleWorkerFunction");
        String dlq = "ResaleChecksQueueDLQ";
        stack.sqs().sendMessage(r -> r.queueUrl(stack.queueUrls().get(dlq)).messageBody("{\"articleId\":424242}"));
        signInAsAdmin();
        open("#/queues");
        wait.until(d -> cell("queues-table", dlq, "dlq-waiting").equals("1"));

        wait.until(ExpectedConditions.elementToBeClickable(By.id("redrive-" + dlq))).click();
        giveReason("원인 수정 후 재처리");
        statusSays("재처리를 시작했습니다");
        // the page follows the move: the DLQ empties and the message waits in its queue again
        new WebDriverWait(driver, Duration.ofSeconds(30), POLL).ignoring(StaleElementReferenceException.class)
                .until(d -> cell("queues-table", dlq, "dlq-waiting").equals("0") && cell("queues-table", dlq, "waiting").equals("1"));
        var received = stack.sqs().receiveMessage(r -> r.queueUrl(stack.queueUrls().get("ResaleChecksQueue")).waitTimeSeconds(1));
        assertThat(received.messages()).extracting(m -> m.body()).containsExactly("{\"articleId\":424242}");
    }
}
