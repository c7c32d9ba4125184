package dev.noshowping.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the stack checks before it starts anything, so that a start that cannot work stops at once
 * with one line saying why: the credentials an outside service pointed elsewhere needs, and the
 * fixed ports its own parts will listen on.
 */
final class StartChecks {

    private final StackOptions options;
    private final SamTemplate template;

    StartChecks(StackOptions options, SamTemplate template) {
        this.options = options;
        this.template = template;
    }

    /** A service pointed elsewhere needs its own credentials; a live Toss key would move real money. */
    void outsideServices() {
        for (OutsideService service : OutsideService.values()) {
            if (options.emulates(service)) {
                continue;
            }
            for (String name : service.required) {
                if (!options.outside().containsKey(name)) {
                    throw new IllegalStateException(service.urlVariable + " points elsewhere, so " + name
                            + " must be set too (docs/local-stack.md)");
                }
            }
        }
        String tossKey = options.outside().get("TOSS_SECRET_KEY");
        if (tossKey != null && !tossKey.startsWith(OutsideService.TOSS_TEST_KEY_PREFIX)) {
            throw new IllegalStateException("TOSS_SECRET_KEY is not a test key (" + OutsideService.TOSS_TEST_KEY_PREFIX
                    + "…): the local stack talks to Toss's sandbox only");
        }
    }

    /** Every fixed port a part of ours will listen on must be free; one line names what holds it. */
    void ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("gateway, GATEWAY_PORT", options.gatewayPort());
        if (options.databaseUrl().isEmpty()) {
            ports.put("database, LOCAL_PG_PORT", options.postgresPort());
        }
        if (options.sqsEndpoint().isEmpty() && !template.queues().isEmpty()) {
            ports.put("SQS, LOCAL_SQS_PORT", options.sqsPort());
        }
        if (options.s3Endpoint().isEmpty() && !template.buckets().isEmpty()) {
            ports.put("S3, LOCAL_S3_PORT", options.s3Port());
        }
        if (options.emulates(OutsideService.TOSS)) {
            ports.put("Toss emulator, LOCAL_TOSS_PORT", options.tossPort());
        }
        if (options.emulates(OutsideService.SOLAPI)) {
            ports.put("SOLAPI emulator, LOCAL_SOLAPI_PORT", options.solapiPort());
        }
        if (options.emulates(OutsideService.DISCORD)) {
            ports.put("Discord emulator, LOCAL_DISCORD_PORT", options.discordPort());
        }
        if (options.emulatesMarket()) {
            ports.put("marketplace emulator, LOCAL_MARKET_PORT", options.marketPort());
        }
        ports.forEach((part, port) -> {
            if (port > 0 && !PortHolder.free(port)) {
                throw new IllegalStateException(PortHolder.describe(port, part));
            }
        });
    }
}
