#!/usr/bin/env bash
# Benchmarks on an in-process local stack (fresh temporary data, free ports, schedules off).
#
#   ./bench.sh article-create [-c clients] [-n requests] [-w warmup]
#        POST /articles through the local gateway with C concurrent keep-alive clients (default 1)
#        for N requests (2000) after W warm-up requests (10000), then the same rows written by one
#        hand-written JDBC transaction on the same pool; prints p50/p90/p99/max, throughput and CPU
#        per request, the ratio of the two p50s, the goals (p50 <= 1 ms, p99 <= 5 ms, ratio <= 5)
#        and the database settings.
#   ./bench.sh checkout [-b buyers] [-a articles] [-r rounds] [-w warmup-rounds] [-l toss-latency-ms] [-s spread-ms] [-f 0|1] [-g 1|0] [-o 0|1]
#        B concurrent buyers (200, the same in every round; -f 1: new ones every round) race for A
#        articles (50) through the local gateway: hold (POST /orders), pay by card at the Toss
#        emulator answering after L ms (20), confirm (POST /payments/confirm); R rounds (20) after W uncounted ones (150: the confirm path runs
#        50 times a round, and C2 is still compiling it after 40); buyers arrive at once, or evenly
#        over S ms; the outbox relay sends each round's notifications after it (-o 1: on its
#        schedule, beside the rounds, as if it shared the confirm's CPU); a full collection before
#        each round (-g 0: none). Prints p50/p99 of hold and confirm, holds, paid orders, Toss confirm calls, errors,
#        relayed notifications, the rounds (marking those a collection paused), heap allocated per
#        round, CPU per request and by thread, and the goals (0 errors, confirm calls = paid
#        orders, every notification relayed, confirm p99 <= 100 ms + L).
#   ./bench.sh notify [-n rows] [-u users] [-f solapi-500s]
#        N outbox rows (10000; 9 in 10 alimtalk to U users (1000), 1 in 10 Discord) published as
#        the sweep does, consumed by the AlimtalkFunction from the local queue, sent to the SOLAPI
#        and Discord emulators; F injected SOLAPI 500s (0) are retried after the backoff. Prints
#        messages/s, duplicates (goal 0), lost (goal 0), dead letters and CPU per message.
#   ./bench.sh crawl [-k keywords] [-p pages] [-c per-host-concurrency] [-l latency-ms]
#        K keywords (6) × 2 sources × P pages (5) through the local stack, the marketplace
#        emulator answering after L ms (200), c requests per host at once (2). Prints wall time,
#        pages, the physical limit ⌈pages per host ÷ c⌉ × L, the ratio (goal ≤ 1.3), pages past the
#        stop (goal 0), and the seed's case (20 listings; the seed took 27 s).
#   ./bench.sh resale [-n articles] [-c per-host-concurrency] [-l latency-ms]
#        N articles due (10000), one marketplace listing each, checked through the local stack with
#        c look-ups per host at once (8), the emulator answering after L ms (20). Prints wall time,
#        the physical limit ⌈look-ups per host ÷ c⌉ × L, the ratio and the outcomes.
#   ./bench.sh payout [-n orders] [-m merchants] [-l toss-latency-ms]
#        N completed orders (10000) of M verified merchants (1000), settled and due, paid out by one
#        run of PayoutFunction through the Toss emulator's payout API answering after L ms (20);
#        the emulator then completes the transfers and a second run follows them up. Prints payouts
#        sent, payout requests, duplicates (goal 0), money invariant violations (goal 0), paid vs
#        settled net, and the wall time against the emulator's limit (the run's calls are sequential).
#   ./bench.sh search [-n articles] [-s searches] [-w warmup] [-p 1|0]
#        GET /articles text searches over N articles (100000; 4 in 5 on sale, Korean titles) through
#        the real read code (ArticleQuery.parse + ArticleReads.search, no HTTP) against the same
#        query as plain JDBC on the same pool, alternating, S searches (2000) per side and row after
#        W warm-up (2000): words of 3+ characters by check-in and by price (the trigram index), and
#        a 2-character word. Prints p50/p90/p99, the ratios (goal <= 2) and (-p 1) each row's plan.
#   ./bench.sh alerts [-s searches] [-l listings] [-a articles]
#        S saved searches (10000, ten per user) against a crawl run that stored L listings first
#        (5000) and A new articles (500), through the local stack: the notifications consumer
#        matches the outbox rows, one maintenance run writes the owners' messages, SOLAPI emulator.
#        Prints matches against a brute-force count in Java (must be equal), alimtalks sent,
#        duplicates after every source row is delivered again (goal 0), wall time and CPU per match.
#   ./bench.sh cold-start [-r runs]
#        Every function started cold as Lambda's java21 runtime does (a fresh JVM, C1, serial GC),
#        from its deployment jar, answering its first sample event of events/README.md against the
#        local stack, and a hello-world handler: R starts each (3) as is, with an AppCDS archive from
#        a training run, and with the JDK's AOT cache where it has one (25+). Every start answers
#        against a fresh copy of a seed database holding the rows its sample event names. Prints the
#        medians of process start to first answer, the ratios (goal: with the archive <= 0.5x
#        without), init, classes loaded, heap used and every start's answer.
#
# Builds if needed (as run.sh does). Runs with the normal JIT (C1+C2), unlike run.sh, which stops
# at C1 for a fast start: a benchmark measures steady state. Figures and reading: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")"

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[ $# -ge 1 ] || usage
bench_jvm=()
case "$1" in
  # the per-user rate limits are lifted (the benchmark's few sellers and buyers make thousands of
  # requests); the buckets are still taken on every request, so their cost is measured
  article-create) main=dev.noshowping.local.bench.ArticleCreateBenchmark
    export ARTICLE_CREATE_RATE_BURST=1000000000 ;;
  # the serial collector, as Lambda's Java runtime uses, on a fixed heap: G1 kept the heap near
  # 200 MB and ran concurrent cycles whose 20-30 ms pauses fell inside the burst (docs/benchmarks.md)
  checkout) main=dev.noshowping.local.bench.CheckoutBenchmark; bench_jvm=(-XX:+UseSerialGC -Xms1g -Xmx1g -Xmn256m)
    export HOLD_RATE_BURST=1000000000 ;;
  notify) main=dev.noshowping.local.bench.NotifyBenchmark ;;
  crawl) main=dev.noshowping.local.bench.CrawlBenchmark ;;
  resale) main=dev.noshowping.local.bench.ResaleBenchmark ;;
  payout) main=dev.noshowping.local.bench.PayoutBenchmark ;;
  search) main=dev.noshowping.local.bench.SearchBenchmark ;;
  cold-start) main=dev.noshowping.local.bench.ColdStartBenchmark ;;
  alerts) main=dev.noshowping.local.bench.AlertsBenchmark ;;
  -h|--help) usage ;;
  *) echo "unknown benchmark: $1" >&2; usage ;;
esac
shift

source infra/local/toolchain.sh
build_if_needed

jvm=(-Dnoshowping.repo.root="$PWD" -Dlogback.configurationFile=logback-local.xml -Dstdout.encoding=UTF-8 "${bench_jvm[@]}")
[ "$JAVA_MAJOR" -ge 24 ] && jvm+=(--sun-misc-unsafe-memory-access=allow)
cp="infra/system/target/lib/*"

exec "$JAVA" "${jvm[@]}" -cp "$cp" "$main" "$@"
