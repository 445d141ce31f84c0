package org.confops.catalog.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class KeySealerTest {

    private static KeySealer sealer(String secret) {
        KeySealer sealer = new KeySealer();
        sealer.secret = secret;
        sealer.deriveKey();
        return sealer;
    }

    @Test
    void sealedKeyOpensOnlyUnderTheSameSecret() {
        byte[] plain = "private key bytes".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = sealer("one").seal(plain);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("private key bytes");
        assertThat(sealer("one").open(sealed)).isEqualTo(plain);
        assertThatThrownBy(() -> sealer("two").open(sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BADGE_KEY_SECRET");
    }

    @Test
    void sealingTwiceGivesDifferentBytes() {
        byte[] plain = new byte[] {1, 2, 3};
        KeySealer sealer = sealer("one");
        assertThat(sealer.seal(plain)).isNotEqualTo(sealer.seal(plain));
    }

    @Test
    void tamperedSealIsRefused() {
        KeySealer sealer = sealer("one");
        byte[] sealed = sealer.seal(new byte[] {1, 2, 3});
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> sealer.open(sealed)).isInstanceOf(IllegalStateException.class);
    }
}
