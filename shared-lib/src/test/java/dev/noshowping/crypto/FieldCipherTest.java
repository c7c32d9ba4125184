package dev.noshowping.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noshowping.config.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldCipherTest {

    static final String OLD = "old-data-encryption-key-0123456789";
    static final String NEW = "new-data-encryption-key-9876543210";
    static final String COLUMN = "merchant.payout_account";

    @Test
    void aValueOpensOnlyForItsColumnAndRow() {
        FieldCipher cipher = new FieldCipher(OLD);
        byte[] alices = cipher.encrypt("110123456789", COLUMN, "merchant of alice");

        assertThat(cipher.decrypt(alices, COLUMN, "merchant of alice")).isEqualTo("110123456789");
        assertThatThrownBy(() -> cipher.decrypt(alices, COLUMN, "merchant of mallory"))
                .as("copied onto another row").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt(alices, "reservation.booking_reference", "merchant of alice"))
                .as("copied into another column").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRotationKeepsOldValuesReadableAndSealsNewOnesUnderTheNewKey() {
        FieldCipher before = new FieldCipher(OLD);
        byte[] old = before.encrypt("110123456789", COLUMN, "merchant of alice");

        FieldCipher after = new FieldCipher("""
                {"current": 2, "keys": {"1": "%s", "2": "%s"}}""".formatted(OLD, NEW));
        assertThat(after.decrypt(old, COLUMN, "merchant of alice")).isEqualTo("110123456789");
        assertThat(after.isCurrent(old)).as("to be rewritten").isFalse();

        byte[] rewritten = after.encrypt(after.decrypt(old, COLUMN, "merchant of alice"), COLUMN, "merchant of alice");
        assertThat(rewritten[1]).as("key id").isEqualTo((byte) 2);
        assertThat(after.isCurrent(rewritten)).isTrue();
        assertThat(new FieldCipher("""
                {"current": 2, "keys": {"2": "%s"}}""".formatted(NEW)).decrypt(rewritten, COLUMN, "merchant of alice"))
                .as("once every value is rewritten the old key can go").isEqualTo("110123456789");
        assertThatThrownBy(() -> before.decrypt(rewritten, COLUMN, "merchant of alice"))
                .as("a ring without key 2").isInstanceOf(IllegalStateException.class).hasMessageContaining("no data encryption key 2");
    }

    @Test
    void aTamperedKeyIdFails() {
        FieldCipher cipher = new FieldCipher("""
                {"current": 2, "keys": {"1": "%s", "2": "%s"}}""".formatted(OLD, NEW));
        byte[] sealed = cipher.encrypt("110123456789", COLUMN, "merchant of alice");
        byte[] relabelled = sealed.clone();
        relabelled[1] = 1;
        assertThatThrownBy(() -> cipher.decrypt(relabelled, COLUMN, "merchant of alice"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("decryption failed");
        byte[] flipped = sealed.clone();
        flipped[flipped.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(flipped, COLUMN, "merchant of alice")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void valuesWrittenBeforeKeyIdsAreReadWithTheColumnAloneUnderKeyOne() throws Exception {
        byte[] legacy = LegacySealer.seal(OLD, "YJ-0001", "reservation.booking_reference");
        FieldCipher ring = new FieldCipher("""
                {"current": 2, "keys": {"1": "%s", "2": "%s"}}""".formatted(OLD, NEW));

        assertThat(ring.decrypt(legacy, "reservation.booking_reference", "reservation of anyone")).isEqualTo("YJ-0001");
        assertThat(ring.isCurrent(legacy)).isFalse();
        assertThatThrownBy(() -> ring.decrypt(legacy, COLUMN, "merchant of alice")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBadRingIsAConfigurationError() {
        assertThatThrownBy(() -> new FieldCipher("short")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new FieldCipher("{\"current\": 3, \"keys\": {\"1\": \"%s\"}}".formatted(OLD)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("current");
        assertThatThrownBy(() -> new KeyRing(1, Map.of(1, OLD, 256, NEW))).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void theDigestOfAValueOutlivesARotationOfTheDataKeyAndNeedsTheKey() {
        var before = new FieldCipher(OLD);
        var rotated = new FieldCipher("{\"current\": 2, \"keys\": {\"1\": \"" + OLD + "\", \"2\": \"" + NEW + "\"}}");
        var oldKeyDropped = new FieldCipher("{\"current\": 2, \"keys\": {\"2\": \"" + NEW + "\"}, \"digest\": \"" + OLD + "\"}");
        byte[] digest = before.digest("YANOLJA:YJ0001");

        assertThat(digest).hasSize(32);
        assertThat(rotated.digest("YANOLJA:YJ0001")).as("a new data key keeps the digests").isEqualTo(digest);
        assertThat(oldKeyDropped.digest("YANOLJA:YJ0001")).as("the old key's material carried as digest").isEqualTo(digest);
        assertThat(before.digest("YANOLJA:YJ0002")).isNotEqualTo(digest);
        assertThat(new FieldCipher(NEW).digest("YANOLJA:YJ0001")).as("another key, another digest").isNotEqualTo(digest);
        assertThatThrownBy(() -> new FieldCipher("{\"current\": 1, \"keys\": {\"1\": \"" + OLD + "\"}, \"digest\": \"short\"}"))
                .isInstanceOf(ConfigurationException.class);
    }
}
