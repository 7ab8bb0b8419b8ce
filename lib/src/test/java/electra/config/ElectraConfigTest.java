package electra.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ElectraConfigTest {

    @Test
    void smallIsThePapersModel() {
        ElectraConfig c = ElectraConfig.small();
        assertEquals(new ElectraConfig.Tower(256, 12, 4, 1024), c.discriminator());
        assertEquals(128, c.embeddingSize());
        // official get_generator_config: hidden 256/4 = 64, FFN 4 x 64, heads max(1, 64/64)
        assertEquals(new ElectraConfig.Tower(64, 12, 1, 256), c.generator());
        assertEquals(30522, c.vocabSize());
    }

    @Test
    void generatorSizeIsOneParameter() {
        ElectraConfig c = ElectraConfig.small().withGeneratorFraction(0.5);
        assertEquals(new ElectraConfig.Tower(128, 12, 2, 512), c.generator());
        assertEquals(c.discriminator(), c.withGeneratorFraction(1.0).generator());
        assertEquals(new ElectraConfig.Tower(32, 12, 1, 128), c.withGeneratorFraction(0.125).generator());
        // 0.75 x 256 = 192: 3 heads of 64
        assertEquals(3, c.withGeneratorFraction(0.75).generator().numAttentionHeads());
    }

    @Test
    void badFieldsAreNamed() {
        ElectraConfig s = ElectraConfig.small();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new ElectraConfig("x", 100, 128, 250, 2, 4, 512, 128, 2, 0.1f, 0.1f, 0.25, true, false));
        assertEquals("hiddenSize = 250: must be divisible by numAttentionHeads (4)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.withGeneratorFraction(1.5));
        assertEquals("generatorFraction = 1.5: must be in (0, 1]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.withGeneratorFraction(0));
        assertEquals("generatorFraction = 0.0: must be in (0, 1]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ElectraConfig.tiny().checkSequenceLength(256));
        assertEquals("seq = 256: exceeds maxPositionEmbeddings (128) of preset tiny", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ElectraConfig.preset("huge"));
        assertEquals("unknown preset 'huge' (known: tiny, small, base, laptop)", e.getMessage());
    }
}
