package dev.noshowping.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.noshowping.testkit.RepoRoot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** template.yaml and the code agree: every handler loads, every queue is protected, every route is unique. */
class TemplateContractTest {

    static final SamTemplate TEMPLATE = SamTemplate.read(RepoRoot.path().resolve("template.yaml"));

    @Test
    void everyHandlerNamedInTheTemplateLoads() {
        assertThat(TEMPLATE.functions()).isNotEmpty();
        for (SamTemplate.Function f : TEMPLATE.functions().values()) {
            RequestHandler<Object, Object> handler = FunctionHost.load(f.handler());
            assertThat(handler).as(f.logicalId()).isNotNull();
        }
    }

    @Test
    void everyConsumerQueueHasADlqAndAVisibilityOfSixTimesTheTimeout() {
        for (SamTemplate.Function f : TEMPLATE.functions().values()) {
            for (SamTemplate.SqsSource source : f.sqs()) {
                SamTemplate.Queue queue = TEMPLATE.queues().get(source.queue());
                assertThat(queue).as(source.queue()).isNotNull();
                assertThat(queue.deadLetterQueue()).as(source.queue() + " DLQ").isNotNull();
                assertThat(TEMPLATE.queues()).containsKey(queue.deadLetterQueue());
                assertThat(queue.maxReceiveCount()).as(source.queue() + " maxReceiveCount").isEqualTo(5);
                assertThat(queue.visibilityTimeoutSeconds()).as(source.queue() + " visibility")
                        .isGreaterThanOrEqualTo(6 * f.timeoutSeconds());
                assertThat(source.reportBatchItemFailures()).as(f.logicalId() + " ReportBatchItemFailures").isTrue();
            }
        }
    }

    @Test
    void routesAreUniqueAndOnlyHealthAndWebhooksSkipTheAuthorizer() {
        List<String> keys = new ArrayList<>();
        List<String> open = new ArrayList<>();
        TEMPLATE.functions().values().forEach(f -> f.routes().forEach(r -> {
            keys.add(r.routeKey());
            if (!r.authorized()) {
                open.add(r.routeKey());
            }
        }));
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(open).containsExactlyInAnyOrder("GET /health", "POST /webhooks/toss");
        assertThat(TEMPLATE.jwt().defaultAuthorizer()).isTrue();
        assertThat(TEMPLATE.jwt().issuer()).isNotBlank();
        assertThat(TEMPLATE.jwt().audience()).isNotEmpty();
    }

    @Test
    void everyDesignedRouteIsDeclared() {
        List<String> keys = new ArrayList<>();
        TEMPLATE.functions().values().forEach(f -> f.routes().forEach(r -> keys.add(r.routeKey())));
        assertThat(keys).contains(
                "POST /merchants", "GET /merchants/me", "POST /images", "GET /images/{id}/url",
                "POST /articles", "GET /articles", "GET /articles/{id}", "PATCH /articles/{id}",
                "DELETE /articles/{id}", "POST /orders", "GET /orders/{id}", "POST /payments/confirm",
                "POST /orders/{id}/cancel", "POST /webhooks/toss", "GET /listings", "GET /health",
                "POST /saved-searches", "GET /saved-searches", "DELETE /saved-searches/{id}");
    }

    @Test
    void theProcessEnvironmentSetsTheTemplatesSettingsButNotItsSecretsEndpointsOrLogins() {
        var declared = java.util.Map.of("MAX_ACTIVE_HOLDS", "2", "HOLD_RATE_BURST", "6", "DATABASE_URL", "jdbc:postgresql:x",
                "TOSS_API_BASE_URL", "http://toss", "TOSS_SECRET_KEY", "sk", "AWS_REGION", "us-east-1");
        var process = java.util.Map.of("MAX_ACTIVE_HOLDS", "9", "HOLD_RATE_BURST", "100", "DATABASE_URL", "jdbc:postgresql:evil",
                "TOSS_API_BASE_URL", "http://elsewhere", "TOSS_SECRET_KEY", "other", "AWS_REGION", "eu-west-1",
                "PATH", "/usr/bin");
        assertThat(LocalStack.fromProcess(declared, process))
                .isEqualTo(java.util.Map.of("MAX_ACTIVE_HOLDS", "9", "HOLD_RATE_BURST", "100"));
        assertThat(TEMPLATE.functions().values().stream().flatMap(f -> f.environment().keySet().stream()))
                .as("the limits are template settings, so they can be lifted locally")
                .contains("MAX_ACTIVE_HOLDS", "HOLD_RATE_BURST", "ARTICLE_CREATE_RATE_BURST");
    }

    @Test
    void schedulesUseRateExpressionsTheLocalStackCanFire() {
        TEMPLATE.functions().values().forEach(f -> f.schedules().forEach(s ->
                assertThat(Schedules.period(s.expression())).as(f.logicalId() + " " + s.expression()).isPresent()));
    }

    @Test
    void theConsoleIsAPrivateBucketThatOnlyItsCloudFrontDistributionReads() throws Exception {
        // the YAML reader drops the short-form tags (!Sub, !GetAtt), leaving their text
        var resources = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(RepoRoot.path().resolve("template.yaml").toFile()).path("Resources");
        var bucket = resources.at("/ConsoleBucket/Properties");
        bucket.path("PublicAccessBlockConfiguration").properties().forEach(setting ->
                assertThat(setting.getValue().asBoolean()).as(setting.getKey()).isTrue());
        assertThat(bucket.at("/BucketEncryption/ServerSideEncryptionConfiguration/0/ServerSideEncryptionByDefault/SSEAlgorithm")
                .asText()).isNotBlank();
        var read = resources.at("/ConsoleBucketPolicy/Properties/PolicyDocument/Statement/0");
        assertThat(read.at("/Principal/Service").asText()).isEqualTo("cloudfront.amazonaws.com");
        assertThat(read.at("/Action").asText()).isEqualTo("s3:GetObject");
        assertThat(read.at("/Condition/StringEquals/AWS:SourceArn").asText()).contains("distribution/${ConsoleDistribution}");
        var access = resources.at("/ConsoleOriginAccessControl/Properties/OriginAccessControlConfig");
        assertThat(access.path("SigningProtocol").asText()).isEqualTo("sigv4");
        assertThat(access.path("SigningBehavior").asText()).isEqualTo("always");
        var distribution = resources.at("/ConsoleDistribution/Properties/DistributionConfig");
        assertThat(distribution.at("/Origins/0/OriginAccessControlId").asText()).contains("ConsoleOriginAccessControl");
        assertThat(distribution.at("/DefaultCacheBehavior/ViewerProtocolPolicy").asText()).isEqualTo("redirect-to-https");
        assertThat(distribution.at("/DefaultCacheBehavior/FunctionAssociations/0/FunctionARN").asText()).contains("ConsoleIndexFunction");
        assertThat(resources.at("/HttpApi/Properties/CorsConfiguration/AllowOrigins/0").asText())
                .as("the API answers the console's origin").contains("${ConsoleDistribution.DomainName}");
    }

    @Test
    void everySecretParameterTakesOnlyAFullArnAsIamMatchesIt() throws Exception {
        var parameters = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(RepoRoot.path().resolve("template.yaml").toFile()).path("Parameters");
        List<String> secrets = new ArrayList<>();
        parameters.properties().forEach(p -> {
            if (p.getKey().endsWith("SecretArn")) {
                secrets.add(p.getKey());
                var pattern = java.util.regex.Pattern.compile(p.getValue().path("AllowedPattern").asText());
                assertThat(pattern.matcher("arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:noshowping/prod/solapi-AbC123")
                        .matches()).as(p.getKey() + " takes a full ARN").isTrue();
                assertThat(pattern.matcher("arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:noshowping/prod/solapi")
                        .matches()).as(p.getKey() + " refuses a partial ARN").isFalse();
                assertThat(p.getValue().path("ConstraintDescription").asText()).as(p.getKey()).isNotBlank();
            }
        });
        assertThat(secrets).contains("DatabaseSecretArn", "AppDatabaseSecretArn", "TossSecretKeySecretArn",
                "TossPayoutSecurityKeySecretArn", "SolapiSecretArn", "DiscordWebhookSecretArn", "DataEncryptionKeySecretArn");
        assertThat(new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(RepoRoot.path().resolve("template.yaml")
                .toFile()).path("Resources").properties().stream().map(r -> r.getValue().path("Type").asText()))
                .as("secrets are made in the network-database stack, whose data outlives this one")
                .doesNotContain("AWS::SecretsManager::Secret");
    }

    /**
     * Who may send to each work queue, as the code does it: the outbox leaves only through the relay
     * and the maintenance sweep (a use case writes an outbox row, never a message), and each fan-out
     * queues its own tasks. A grant beyond these is a right nobody uses.
     */
    @Test
    void onlyTheFunctionsThatSendToAQueueMaySendToIt() throws Exception {
        var resources = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(RepoRoot.path().resolve("template.yaml").toFile()).path("Resources");
        java.util.Map<String, java.util.Set<String>> senders = new java.util.TreeMap<>();
        resources.properties().forEach(r -> {
            if (!"AWS::Serverless::Function".equals(r.getValue().path("Type").asText())) {
                return;
            }
            for (var policy : r.getValue().at("/Properties/Policies")) {
                var send = policy.path("SQSSendMessagePolicy");
                if (!send.isMissingNode()) {
                    // !GetAtt X.QueueName reads as its text, "X.QueueName"
                    String queue = send.path("QueueName").asText().replace(".QueueName", "");
                    senders.computeIfAbsent(queue, q -> new java.util.TreeSet<>()).add(r.getKey());
                }
            }
        });
        assertThat(senders).isEqualTo(java.util.Map.of(
                "NotificationsQueue", java.util.Set.of("OutboxRelayFunction", "MaintenanceFunction"),
                "CrawlTasksQueue", java.util.Set.of("CrawlFanoutFunction", "AdminApiFunction"),
                "ResaleChecksQueue", java.util.Set.of("ResaleFanoutFunction")));
    }

    /** Every function's object rights on the screenshots bucket stop at its screenshots/ prefix. */
    @Test
    void screenshotObjectRightsStopAtTheScreenshotsPrefix() throws Exception {
        var resources = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(RepoRoot.path().resolve("template.yaml").toFile()).path("Resources");
        List<String> objectRights = new ArrayList<>();
        resources.properties().forEach(r -> {
            if (!"AWS::Serverless::Function".equals(r.getValue().path("Type").asText())) {
                return;
            }
            for (var policy : r.getValue().at("/Properties/Policies")) {
                assertThat(policy.has("S3ReadPolicy") || policy.has("S3CrudPolicy") || policy.has("S3WritePolicy"))
                        .as(r.getKey() + ": a whole-bucket policy template").isFalse();
                for (var statement : policy.path("Statement")) {
                    String resource = statement.path("Resource").asText();
                    boolean objects = false;
                    for (var action : statement.path("Action")) {
                        objects |= action.asText().matches("s3:(Get|Put|Delete)Object");
                    }
                    if (objects) {
                        objectRights.add(r.getKey());
                        assertThat(resource).as(r.getKey()).contains("screenshots").endsWith("/screenshots/*");
                    }
                }
            }
        });
        assertThat(objectRights).contains("ArticleApiFunction", "ImageSignFunction", "ScreenshotUploadedFunction",
                "MaintenanceFunction");
    }

    /** Every function has its errors and throttles alarm (one Fn::ForEach over their ids), sent to someone. */
    @Test
    void everyFunctionIsWatchedAndTheAlarmsReachAPerson() throws Exception {
        var root = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(RepoRoot.path().resolve("template.yaml").toFile());
        assertThat(root.path("Transform").get(0).asText()).as("ForEach needs the language extensions, first")
                .isEqualTo("AWS::LanguageExtensions");
        // a template with a macro-like transform deploys only with CAPABILITY_AUTO_EXPAND
        List<String> capabilities = java.nio.file.Files.readAllLines(RepoRoot.path().resolve("samconfig.toml")).stream()
                .filter(line -> line.startsWith("capabilities")).toList();
        assertThat(capabilities).isNotEmpty().allSatisfy(line -> assertThat(line).contains("CAPABILITY_AUTO_EXPAND"));
        var loop = root.at("/Resources/Fn::ForEach::FunctionAlarms");
        List<String> watched = new ArrayList<>();
        loop.get(1).forEach(id -> watched.add(id.asText()));
        assertThat(watched).containsExactlyInAnyOrderElementsOf(TEMPLATE.functions().keySet());
        List<String> metrics = new ArrayList<>();
        loop.get(2).properties().forEach(alarm -> {
            metrics.add(alarm.getValue().at("/Properties/MetricName").asText());
            assertThat(alarm.getValue().at("/Properties/AlarmActions/0").asText()).isEqualTo("AlarmsTopic");
        });
        assertThat(metrics).containsExactlyInAnyOrder("Errors", "Throttles");
        assertThat(root.at("/Resources/AlarmsEmailSubscription/Properties/Protocol").asText()).isEqualTo("email");
        // beside the functions: the API, every work queue's age and DLQ, the database and its proxy
        List<String> alarms = new ArrayList<>();
        root.path("Resources").properties().forEach(r -> {
            if ("AWS::CloudWatch::Alarm".equals(r.getValue().path("Type").asText())) {
                alarms.add(r.getKey());
                assertThat(r.getValue().at("/Properties/AlarmActions/0").asText()).as(r.getKey()).isEqualTo("AlarmsTopic");
            }
        });
        assertThat(alarms).contains("ApiServerErrorsAlarm", "ApiLatencyAlarm", "DatabaseStorageAlarm",
                "DatabaseCpuCreditsAlarm", "DatabaseConnectionsAlarm", "DatabaseProxyPinningAlarm", "OutboxLagAlarm");
        TEMPLATE.queues().values().stream().filter(q -> q.deadLetterQueue() != null).forEach(q -> assertThat(alarms)
                .as(q.logicalId()).contains(q.logicalId() + "AgeAlarm", q.deadLetterQueue() + "Alarm"));
        assertThat(root.at("/Parameters/AlarmEmail/Type").asText()).isEqualTo("String");
    }

    /** Whatever holds data says what becomes of it when the stack goes (cfn-lint I3011 finds none unsaid). */
    @Test
    void everyResourceThatHoldsDataNamesItsDeletionAndReplacePolicy() throws Exception {
        var resources = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(RepoRoot.path().resolve("template.yaml").toFile()).path("Resources");
        List<String> holders = new ArrayList<>();
        resources.properties().forEach(r -> {
            String type = r.getValue().path("Type").asText();
            if (List.of("AWS::Logs::LogGroup", "AWS::SQS::Queue", "AWS::S3::Bucket").contains(type)) {
                holders.add(r.getKey());
                assertThat(r.getValue().path("DeletionPolicy").asText()).as(r.getKey()).isIn("Delete", "Retain");
                assertThat(r.getValue().path("UpdateReplacePolicy").asText()).as(r.getKey()).isIn("Delete", "Retain");
            }
        });
        assertThat(holders).contains("NotificationsQueueDLQ", "HttpApiAccessLogs", "ScreenshotsBucket");
        assertThat(resources.at("/ScreenshotsBucket/DeletionPolicy").asText()).as("the sellers' screenshots").isEqualTo("Retain");
    }

    /**
     * A function someone waits on (a route, a queue or an upload event) starts from a SnapStart
     * snapshot through its alias; the scheduled ones do not need to, so they publish no versions.
     */
    @Test
    void everyFunctionSomeoneWaitsOnStartsFromASnapshot() throws Exception {
        var resources = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(RepoRoot.path().resolve("template.yaml").toFile()).path("Resources");
        for (SamTemplate.Function f : TEMPLATE.functions().values()) {
            var props = resources.at("/" + f.logicalId() + "/Properties");
            boolean waitedOn = !f.routes().isEmpty() || !f.sqs().isEmpty() || !f.s3().isEmpty();
            assertThat(props.at("/SnapStart/ApplyOn").asText()).as(f.logicalId())
                    .isEqualTo(waitedOn ? "PublishedVersions" : "");
            // MigrateFunction publishes versions for the migration resource, not for a snapshot
            boolean versioned = waitedOn || f.logicalId().equals("MigrateFunction");
            assertThat(props.path("AutoPublishAlias").asText()).as(f.logicalId()).isEqualTo(versioned ? "live" : "");
        }
    }

    /**
     * A deploy migrates before new code serves: every other function waits for the migration
     * resource, which runs the new version of MigrateFunction whenever that version changes.
     */
    @Test
    void theSchemaIsMigratedBeforeAnyNewCodeServes() throws Exception {
        var resources = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(RepoRoot.path().resolve("template.yaml").toFile()).path("Resources");
        var migration = resources.path("DatabaseMigration");
        assertThat(migration.path("Type").asText()).isEqualTo("Custom::DatabaseMigration");
        assertThat(migration.at("/Properties/ServiceToken").asText()).isEqualTo("MigrateFunction.Alias");
        assertThat(migration.at("/Properties/MigrateFunctionVersion").asText()).isEqualTo("MigrateFunction.Version");
        assertThat(migration.at("/Properties/ServiceTimeout").asInt()).as("answered within the function's timeout")
                .isGreaterThan(TEMPLATE.functions().get("MigrateFunction").timeoutSeconds());
        for (SamTemplate.Function f : TEMPLATE.functions().values()) {
            if (!f.logicalId().equals("MigrateFunction")) {
                assertThat(resources.at("/" + f.logicalId() + "/DependsOn").asText()).as(f.logicalId())
                        .isEqualTo("DatabaseMigration");
            }
        }
        var workflow = java.nio.file.Files.readString(RepoRoot.path().resolve(".github/workflows/deploy.yml"));
        assertThat(workflow).as("the stack migrates; the workflow must not invoke it a second time")
                .doesNotContain("lambda invoke");
    }

    /**
     * The work nobody waits on (queue consumers, schedules) can hold at most half of the database
     * connections the proxy has on the smallest instance class, so a burst of it cannot starve the
     * API: each queue consumer caps its environments (MaximumConcurrency), each schedule runs one at
     * a time (two for the outbox relay, whose runs overlap), and each environment's pool is
     * DatabasePoolSize connections.
     */
    @Test
    void backgroundWorkLeavesTheApiHalfOfTheProxysConnections() throws Exception {
        int dbT4gMicroMaxConnections = 85; // RDS: LEAST(DBInstanceClassMemory / 9531392, 5000)
        var root = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(RepoRoot.path().resolve("template.yaml").toFile());
        var proxyPool = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(RepoRoot.path().resolve("infra/aws/network-database.yaml").toFile())
                .at("/Resources/DatabaseProxyTargetGroup/Properties/ConnectionPoolConfigurationInfo");
        int proxyConnections = dbT4gMicroMaxConnections * proxyPool.path("MaxConnectionsPercent").asInt() / 100;
        int poolSize = root.at("/Parameters/DatabasePoolSize/Default").asInt();
        int environments = 0;
        for (SamTemplate.Function f : TEMPLATE.functions().values()) {
            var events = root.at("/Resources/" + f.logicalId() + "/Properties/Events");
            for (var event : (Iterable<com.fasterxml.jackson.databind.JsonNode>) events::elements) {
                if (event.path("Type").asText().equals("SQS")) {
                    var cap = event.at("/Properties/ScalingConfig/MaximumConcurrency");
                    assertThat(cap.isInt()).as(f.logicalId() + " caps its environments").isTrue();
                    environments += cap.asInt();
                }
            }
            if (!f.schedules().isEmpty()) {
                environments += f.logicalId().equals("OutboxRelayFunction") ? 2 : 1;
            }
        }
        assertThat(environments * poolSize).as("connections of the background work, of %d", proxyConnections)
                .isLessThanOrEqualTo(proxyConnections / 2);
        assertThat(proxyPool.path("ConnectionBorrowTimeout").asInt()).as("a starved request fails before its function times out")
                .isLessThan(root.at("/Globals/Function/Timeout").asInt());
    }

    /** The dashboard is valid JSON once substituted and charts every business figure the code emits. */
    @Test
    void theDashboardChartsEveryFigureTheCodeEmits() throws Exception {
        var root = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(RepoRoot.path().resolve("template.yaml").toFile());
        String body = root.at("/Resources/OperationsDashboard/Properties/DashboardBody").asText()
                .replaceAll("\\$\\{[A-Za-z:.]+}", "x");
        var dashboard = dev.noshowping.json.Json.MAPPER.readTree(body);
        List<String> charted = new ArrayList<>();
        dashboard.path("widgets").forEach(w -> w.at("/properties/metrics").forEach(m -> {
            if (m.get(0).asText().equals("Noshowping")) {
                charted.add(m.get(1).asText());
            }
        }));
        List<String> emitted = new ArrayList<>();
        var figure = java.util.regex.Pattern.compile("\"(\\w+)\", Metrics\\.Figure");
        for (String tree : List.of("shared-lib/src/main/java", "functions")) {
            try (var files = java.nio.file.Files.walk(RepoRoot.path().resolve(tree))) {
                for (var file : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("src/main")).toList()) {
                    figure.matcher(java.nio.file.Files.readString(file)).results().forEach(r -> emitted.add(r.group(1)));
                }
            }
        }
        assertThat(emitted).as("figures found in the code").contains("PaymentsConfirmed", "OutboxLagSeconds");
        assertThat(charted).containsAll(emitted);
    }

    /** Workflows run actions pinned to a commit, so a moved tag cannot change what deploys. */
    @Test
    void everyActionIsPinnedToACommit() throws Exception {
        for (String name : List.of("ci.yml", "deploy.yml")) {
            List<String> uses = java.nio.file.Files.readAllLines(RepoRoot.path().resolve(".github/workflows").resolve(name))
                    .stream().map(String::strip).filter(line -> line.startsWith("- uses:") || line.startsWith("uses:")).toList();
            assertThat(uses).as(name).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).as(name).matches(".*uses: [\\w.-]+/[\\w.-]+@[0-9a-f]{40}( #.*)?"));
        }
    }
}
