package dev.noshowping.testkit.market;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Predicate;

/**
 * Makes accommodation-transfer listings from (source, keyword, index) alone, so every run on every machine
 * sees the same ids, titles, prices and states. The randomness is SplitMix64 over {@link String#hashCode()}:
 * both are specified to the bit, unlike {@code java.util.Random} seeded from a clock.
 *
 * <p>A keyword naming a kind of place (호텔, 리조트, 펜션, 숙소) or a region (제주, 강릉…) gets listings of that kind
 * or region; a generic one ("숙박 양도") gets any. Prices are 30 000–600 000 won in steps of 5 000; states are
 * 80 % selling, 10 % reserved, 10 % sold.
 */
final class ListingGenerator {

    static final ZoneId KOREA = ZoneId.of("Asia/Seoul");

    /** Bunjang pids live in [200 000 000, 400 000 000), Joongna seqs in [100 000 000, 200 000 000): 9 digits each, never confusable. */
    private static final long BUNJANG_FIRST_ID = 200_000_000L;
    private static final long JOONGNA_FIRST_ID = 100_000_000L;
    private static final long ID_SPAN = 100_000_000L;

    private record Region(String name, String location) {
    }

    private record Kind(String word, List<String> places) {
    }

    private static final List<Region> REGIONS = List.of(
            new Region("제주", "제주특별자치도 제주시"),
            new Region("서귀포", "제주특별자치도 서귀포시"),
            new Region("강릉", "강원특별자치도 강릉시"),
            new Region("속초", "강원특별자치도 속초시"),
            new Region("양양", "강원특별자치도 양양군"),
            new Region("평창", "강원특별자치도 평창군"),
            new Region("부산", "부산광역시 해운대구"),
            new Region("여수", "전라남도 여수시"),
            new Region("경주", "경상북도 경주시"),
            new Region("가평", "경기도 가평군"),
            new Region("서울", "서울특별시 중구"),
            new Region("전주", "전북특별자치도 전주시"),
            new Region("거제", "경상남도 거제시"),
            new Region("남해", "경상남도 남해군"),
            new Region("태안", "충청남도 태안군"));

    private static final List<Kind> KINDS = List.of(
            new Kind("호텔", List.of("신라호텔", "롯데호텔", "그랜드 하얏트", "파라다이스 호텔", "시그니엘", "켄싱턴 호텔",
                    "라마다 호텔", "메종 글래드", "신라스테이")),
            new Kind("리조트", List.of("소노벨 리조트", "한화리조트", "롯데리조트", "휘닉스 리조트", "켄싱턴리조트", "아난티 리조트")),
            new Kind("펜션", List.of("오션뷰 펜션", "풀빌라 펜션", "독채 펜션", "스파 펜션", "계곡 펜션", "감성 펜션")),
            new Kind("숙소", List.of("게스트하우스", "한옥스테이", "독채 숙소", "오션뷰 숙소", "풀빌라")));

    private static final List<String> SELLERS = List.of("여행러", "호캉스러버", "주말여행자", "제주살이", "떠나요", "숙박왕",
            "바다보러", "캠핑좋아", "급처합니다", "일정변경");

    private ListingGenerator() {
    }

    /**
     * Listing {@code index} of {@code keyword} on {@code source}, posted at {@code postedAt}.
     *
     * @param taken whether an id is already used by another listing of the source; a hash collision (about one in
     *              a hundred thousand for a thousand listings) is resolved by re-hashing, the only place where the
     *              order of calls can matter
     */
    static MarketItem item(String source, String keyword, int index, Instant postedAt, Predicate<String> taken) {
        Kind kind = kindOf(keyword, source, index);
        Region region = regionOf(keyword, source, index);
        String place = kind.places().get(pick(source, keyword, index, 3, kind.places().size()));
        LocalDate checkIn = postedAt.atZone(KOREA).toLocalDate().plusDays(2 + pick(source, keyword, index, 4, 59));
        int nights = 1 + pick(source, keyword, index, 5, 3);
        String title = title(pick(source, keyword, index, 6, 6), region.name(), place, checkIn, nights,
                2 + pick(source, keyword, index, 7, 5));
        long price = 30_000L + 5_000L * pick(source, keyword, index, 8, 115);
        int roll = pick(source, keyword, index, 9, 100);
        ListingState state = roll < 80 ? ListingState.SELLING : roll < 90 ? ListingState.RESERVED : ListingState.SOLD;
        String seller = SELLERS.get(pick(source, keyword, index, 10, SELLERS.size())) + pick(source, keyword, index, 11, 1000);
        return new MarketItem(source, id(source, keyword, index, taken), title, price, state, postedAt,
                region.location(), seller);
    }

    /** Time between listing {@code index} and the next newer one: 3 minutes to 3 hours, to the second. */
    static Duration gap(String source, String keyword, int index) {
        return Duration.ofSeconds(180 + pick(source, keyword, index, 12, 3 * 3600 - 180));
    }

    private static String id(String source, String keyword, int index, Predicate<String> taken) {
        long first = "BUNJANG".equals(source) ? BUNJANG_FIRST_ID : JOONGNA_FIRST_ID;
        for (int attempt = 0; ; attempt++) {
            String id = Long.toString(first + Math.floorMod(random(source, keyword, index, 100 + attempt), ID_SPAN));
            if (!taken.test(id)) {
                return id;
            }
        }
    }

    private static String title(int pattern, String region, String place, LocalDate checkIn, int nights, int guests) {
        String in = checkIn.getMonthValue() + "/" + checkIn.getDayOfMonth();
        LocalDate checkOut = checkIn.plusDays(nights);
        String out = checkOut.getMonthValue() + "/" + checkOut.getDayOfMonth();
        return switch (pattern) {
            case 0 -> region + " " + place + " " + in + " " + nights + "박 양도";
            case 1 -> region + " " + place + " 양도합니다";
            case 2 -> "[양도] " + place + " " + in + "~" + out + " " + region;
            case 3 -> place + " " + in + " 숙박권 양도 (" + region + ")";
            case 4 -> "급처) " + region + " " + place + " " + in + " 체크인 양도";
            default -> region + " " + place + " " + nights + "박 " + guests + "인 예약 양도해요";
        };
    }

    private static Kind kindOf(String keyword, String source, int index) {
        for (Kind kind : KINDS) {
            if (keyword.contains(kind.word())) {
                return kind;
            }
        }
        return KINDS.get(pick(source, keyword, index, 1, KINDS.size()));
    }

    private static Region regionOf(String keyword, String source, int index) {
        for (Region region : REGIONS) {
            if (keyword.contains(region.name())) {
                return region;
            }
        }
        return REGIONS.get(pick(source, keyword, index, 2, REGIONS.size()));
    }

    /** A number in [0, bound) for one aspect ({@code salt}) of one listing. */
    static int pick(String source, String keyword, int index, int salt, int bound) {
        return (int) Math.floorMod(random(source, keyword, index, salt), (long) bound);
    }

    static long random(String source, String keyword, int index, int salt) {
        long z = mix(source.hashCode());
        z = mix(z ^ keyword.hashCode());
        z = mix(z + 0x9E3779B97F4A7C15L * (index + 1L));
        return mix(z ^ salt);
    }

    /** SplitMix64's finaliser (Steele, Lea, Flood 2014): a fixed bijection that scatters nearby inputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
