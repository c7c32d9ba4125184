package dev.noshowping.functions.admin;

import dev.noshowping.admin.AuditLog;
import dev.noshowping.admin.DailyStats;
import dev.noshowping.admin.FollowUps;
import dev.noshowping.admin.QueueDepths;
import dev.noshowping.admin.QueueRedrive;
import dev.noshowping.admin.StaffNote;
import dev.noshowping.article.ArticleModeration;
import dev.noshowping.article.StaffArticles;
import dev.noshowping.aws.AwsClients;
import dev.noshowping.aws.Secrets;
import dev.noshowping.config.Environment;
import dev.noshowping.crawl.KeywordChange;
import dev.noshowping.crawl.StaffCrawl;
import dev.noshowping.crawl.StartCrawlRun;
import dev.noshowping.db.Database;
import dev.noshowping.fraud.FraudSignals;
import dev.noshowping.http.ApiResponses;
import dev.noshowping.http.Route;
import dev.noshowping.lambda.HttpFunction;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.merchant.MerchantDirectory;
import dev.noshowping.merchant.MerchantStanding;
import dev.noshowping.merchant.VerifyMerchant;
import dev.noshowping.order.DisputeQueue;
import dev.noshowping.order.DisputeResolution;
import dev.noshowping.order.OrderPolicy;
import dev.noshowping.order.Refunds;
import dev.noshowping.order.ResolveDispute;
import dev.noshowping.order.StaffOrders;
import dev.noshowping.payment.TossClient;
import dev.noshowping.payout.StaffPayouts;
import java.time.Clock;
import java.util.Map;

/**
 * Staff's API (role ADMIN): disputes, orders (search, dossier), merchants (list, verify, suspend,
 * reinstate), articles (search, take down, restore), payouts (list, retry, hold, release), the crawler
 * (runs, a run now, keywords), failed notifications and resale look-ups, queues (depths, redrive a
 * DLQ), fraud signals, daily figures, and the audit log of what staff did. Anyone else is refused
 * before their request is read; each use case checks the role again.
 */
public final class AdminApiHandler extends HttpFunction {

    public AdminApiHandler() {
        this(Lazy.of(() -> TossClient.from(Environment.current(), Secrets::get)), OrderPolicy.from(Environment.current()));
    }

    private AdminApiHandler(Lazy<TossClient> toss, OrderPolicy policy) {
        this(new DisputeQueue(Database::dataSource),
                new ResolveDispute(Database::dataSource, new Refunds(Database::dataSource, toss, policy), policy),
                new MerchantDirectory(Database::dataSource), new VerifyMerchant(Database::dataSource),
                new MerchantStanding(Database::dataSource), new ArticleModeration(Database::dataSource),
                new AuditLog(Database::dataSource), new StaffOrders(Database::dataSource),
                new StaffPayouts(Database::dataSource), new FollowUps(Database::dataSource),
                new QueueDepths(AwsClients::sqs, Environment::current), new StaffCrawl(Database::dataSource, new StartCrawlRun(
                        Database::dataSource, AwsClients::sqs, () -> Environment.current().require("CRAWL_TASKS_QUEUE_URL"))),
                new StaffArticles(Database::dataSource), new DailyStats(Database::dataSource, Clock.systemUTC()),
                new QueueRedrive(Database::dataSource, AwsClients::sqs, Environment::current),
                new FraudSignals(Database::dataSource, Clock.systemUTC()));
    }

    private AdminApiHandler(DisputeQueue disputes, ResolveDispute resolutions, MerchantDirectory merchants,
                            VerifyMerchant verifications, MerchantStanding standing, ArticleModeration moderation,
                            AuditLog audit, StaffOrders orders, StaffPayouts payouts, FollowUps followUps,
                            QueueDepths queues, StaffCrawl crawl, StaffArticles articles, DailyStats stats,
                            QueueRedrive redrive, FraudSignals fraud) {
        super(Map.ofEntries(
                Map.entry("GET /admin/disputes", staff(r -> ApiResponses.json(200, disputes.list(r.caller(), r.queryParameters())))),
                Map.entry("POST /admin/disputes/{id}/resolve", staff(r -> ApiResponses.json(200,
                        resolutions.resolve(r.caller(), r.idParameter("id"), r.body(DisputeResolution.class))))),
                Map.entry("GET /admin/merchants", staff(r -> ApiResponses.json(200, merchants.list(r.caller(), r.queryParameters())))),
                Map.entry("POST /admin/merchants/{id}/verify", staff(r -> ApiResponses.json(200,
                        verifications.verify(r.caller(), r.idParameter("id"), r.body(StaffNote.class))))),
                Map.entry("POST /admin/merchants/{id}/suspend", staff(r -> ApiResponses.json(200,
                        standing.suspend(r.caller(), r.idParameter("id"), r.body(StaffNote.class))))),
                Map.entry("POST /admin/merchants/{id}/reinstate", staff(r -> ApiResponses.json(200,
                        standing.reinstate(r.caller(), r.idParameter("id"), r.body(StaffNote.class))))),
                Map.entry("GET /admin/articles", staff(r -> ApiResponses.json(200, articles.search(r.caller(), r.queryParameters())))),
                Map.entry("POST /admin/articles/{id}/take-down", staff(r -> ApiResponses.json(200, Map.of("status",
                        moderation.takeDown(r.caller(), r.idParameter("id"), r.body(StaffNote.class)))))),
                Map.entry("POST /admin/articles/{id}/restore", staff(r -> ApiResponses.json(200, Map.of("status",
                        moderation.restore(r.caller(), r.idParameter("id"), r.body(StaffNote.class)))))),
                Map.entry("GET /admin/actions", staff(r -> ApiResponses.json(200, audit.list(r.caller(), r.queryParameters())))),
                Map.entry("GET /admin/orders", staff(r -> ApiResponses.json(200, orders.search(r.caller(), r.queryParameters())))),
                Map.entry("GET /admin/orders/{id}", staff(r -> ApiResponses.json(200, orders.dossier(r.caller(), r.idParameter("id"))))),
                Map.entry("GET /admin/payouts", staff(r -> ApiResponses.json(200, payouts.list(r.caller(), r.queryParameters())))),
                Map.entry("POST /admin/payouts/{id}/retry", staff(r -> ApiResponses.json(200,
                        payouts.retry(r.caller(), r.idParameter("id"), r.body(StaffNote.class))))),
                Map.entry("POST /admin/payouts/{id}/hold", staff(r -> ApiResponses.json(200,
                        payouts.hold(r.caller(), r.idParameter("id"), r.body(StaffNote.class))))),
                Map.entry("POST /admin/payouts/{id}/release", staff(r -> ApiResponses.json(200,
                        payouts.release(r.caller(), r.idParameter("id"), r.body(StaffNote.class))))),
                Map.entry("GET /admin/notifications", staff(r -> ApiResponses.json(200,
                        followUps.notifications(r.caller(), r.queryParameters())))),
                Map.entry("GET /admin/resale-checks", staff(r -> ApiResponses.json(200,
                        followUps.resaleChecks(r.caller(), r.queryParameters())))),
                Map.entry("GET /admin/queues", staff(r -> ApiResponses.json(200, Map.of("items", queues.depths(r.caller()))))),
                Map.entry("POST /admin/queues/{name}/redrive", staff(r -> ApiResponses.json(202,
                        redrive.redrive(r.caller(), r.pathParameter("name"), r.body(StaffNote.class))))),
                Map.entry("GET /admin/fraud-signals", staff(r -> ApiResponses.json(200, fraud.list(r.caller())))),
                Map.entry("GET /admin/stats", staff(r -> ApiResponses.json(200, stats.window(r.caller(), r.queryParameters())))),
                Map.entry("GET /admin/crawl/runs", staff(r -> ApiResponses.json(200, crawl.runs(r.caller(), r.queryParameters())))),
                Map.entry("POST /admin/crawl/runs", staff(r -> ApiResponses.json(202,
                        crawl.startNow(r.caller(), r.body(StaffNote.class))))),
                Map.entry("GET /admin/crawl/keywords", staff(r -> ApiResponses.json(200, Map.of("items", crawl.keywords(r.caller()))))),
                Map.entry("POST /admin/crawl/keywords", staff(r -> ApiResponses.json(201,
                        crawl.addKeyword(r.caller(), r.body(KeywordChange.class))))),
                Map.entry("POST /admin/crawl/keywords/{id}/deactivate", staff(r -> ApiResponses.json(200, Map.of("items",
                        crawl.deactivateKeyword(r.caller(), r.idParameter("id"), r.body(StaffNote.class))))))));
    }

    /** A route for staff only: anyone else gets 403 before their path, query or body is read. */
    private static Route staff(Route route) {
        return r -> {
            r.caller().requireAdmin("this route is for staff (role ADMIN)");
            return route.handle(r);
        };
    }
}
