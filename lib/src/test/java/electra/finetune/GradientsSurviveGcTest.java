package electra.finetune;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression: DJL's {@code NDArray.div(Number)} builds the scalar as a tensor over a Java direct
 * buffer and closes it right away, while autograd keeps that tensor for the backward pass. Once the
 * garbage collector frees the buffer and the memory is reused, the backward pass reads garbage:
 * the attention scale did this and gave NaN gradients below the layer (seen as intermittent NaN
 * steps when fine-tuning the tiny preset). Here the collector runs and the freed memory is
 * overwritten between forward and backward; the gradients must not change.
 */
class GradientsSurviveGcTest {

    private static Map<String, float[]> gradients(boolean disturb) throws InterruptedException {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (ElectraForSequenceClassification model = ElectraForSequenceClassification.create(Fixtures.micro(), 2, Device.cpu(), 1);
             NDManager sm = model.newStepManager()) {
            List<FineTuner.Encoded> batch = FineTuner.encode(Fixtures.markerTask(8, 1), Fixtures.TOY_ENCODER, 32, 64, "t");
            FineTuner.Arrays a = FineTuner.arrays(sm, batch, 2);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray loss = ElectraForSequenceClassification.loss(model.logits(a.ids(), a.segments(), a.mask(), false), a.oneHot());
                List<ByteBuffer> keep = new ArrayList<>();
                if (disturb) {
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        Thread.sleep(30);
                    }
                    for (int i = 0; i < 2000; i++) {
                        keep.add(ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putFloat(0, 0f));
                        keep.add(ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder()).putLong(0, 0L));
                    }
                }
                gc.backward(loss);
                keep.clear();
            }
            for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
                out.put(e.getKey(), e.getValue().getArray().getGradient().toFloatArray());
            }
        }
        return out;
    }

    @Test
    void backwardDoesNotReadFreedScalars() throws InterruptedException {
        Map<String, float[]> clean = gradients(false);
        Map<String, float[]> disturbed = gradients(true);
        for (String name : clean.keySet()) {
            assertTrue(java.util.Arrays.equals(clean.get(name), disturbed.get(name)), name + " changed after a GC");
        }
    }
}
