package dev.noshowping.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HoldArticleOrderIdTest {

    @Test
    void orderIdsMatchTossPatternAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = HoldArticle.newOrderId();
            assertThat(id).matches("ord_[0-9A-Za-z]{20}");
            assertThat(ConfirmPayment.ORDER_ID.matcher(id).matches()).isTrue();
            assertThat(seen.add(id)).as("repeated %s", id).isTrue();
        }
    }

    @Test
    void everyCharacterOfTheAlphabetTurnsUpAtEveryPosition() {
        // 62 characters × 20 positions: with 20 000 ids a position misses a character with
        // probability ~62 × (61/62)^20000, far below anything a run could see; a biased or
        // truncated mapping (e.g. only the first 32 characters) fails here
        int[][] counts = new int[20][128];
        for (int i = 0; i < 20_000; i++) {
            String random = HoldArticle.newOrderId().substring(4);
            for (int p = 0; p < 20; p++) {
                counts[p][random.charAt(p)]++;
            }
        }
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        for (int p = 0; p < 20; p++) {
            for (char c : alphabet.toCharArray()) {
                assertThat(counts[p][c]).as("'%s' at position %d", c, p).isPositive();
            }
        }
    }
}
