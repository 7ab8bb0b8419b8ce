package electra.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;

import electra.config.ElectraConfig;

/**
 * One transformer layer as in BERT and ELECTRA: self-attention, residual, LayerNorm, then a GELU
 * feed-forward, residual, LayerNorm (post-LN). Written here rather than taken from DJL because DJL's
 * {@code TransformerEncoderBlock} normalises with BatchNorm and adds the block input, not the
 * post-attention tensor, in its second residual. Child names are Hugging Face's {@code ElectraLayer}'s.
 * With {@code preLayerNorm} the same LayerNorms move in front of each sub-layer (an option for
 * small-scale training, not the paper's model).
 */
public final class ElectraLayer extends ElectraBlock {

    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear attentionOutput;
    private final LayerNorm attentionLayerNorm;
    private final Linear intermediate;
    private final Linear output;
    private final LayerNorm outputLayerNorm;
    private final int hidden;
    private final int heads;
    private final int ffn;
    private final float dropout;
    private final float attentionDropout;
    private final boolean preLayerNorm;

    public ElectraLayer(ElectraConfig config, ElectraConfig.Tower tower) {
        hidden = tower.hiddenSize();
        heads = tower.numAttentionHeads();
        ffn = tower.intermediateSize();
        dropout = config.hiddenDropoutProb();
        attentionDropout = config.attentionDropoutProb();
        preLayerNorm = config.preLayerNorm();
        query = child("attention.self.query", Layers.dense(hidden));
        key = child("attention.self.key", Layers.dense(hidden));
        value = child("attention.self.value", Layers.dense(hidden));
        attentionOutput = child("attention.output.dense", Layers.dense(hidden));
        attentionLayerNorm = child("attention.output.LayerNorm", Layers.layerNorm());
        intermediate = child("intermediate.dense", Layers.dense(ffn));
        output = child("output.dense", Layers.dense(hidden));
        outputLayerNorm = child("output.LayerNorm", Layers.layerNorm());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Linear d : new Linear[] {query, key, value, attentionOutput}) {
            Layers.initDense(d, manager, hidden);
        }
        Layers.initDense(intermediate, manager, hidden);
        Layers.initDense(output, manager, ffn);
        Layers.initLayerNorm(attentionLayerNorm, manager, hidden);
        Layers.initLayerNorm(outputLayerNorm, manager, hidden);
    }

    /**
     * @param x (B, S, H) hidden states
     * @param attentionBias (B, 1, 1, S): 0 for real tokens, -10000 for padding
     * @return (B, S, H)
     */
    public NDArray forward(ParameterStore ps, NDArray x, NDArray attentionBias, boolean training) {
        if (preLayerNorm) {
            NDArray a = x.add(selfAttention(ps, Layers.apply(attentionLayerNorm, ps, x, training), attentionBias, training));
            return a.add(feedForward(ps, Layers.apply(outputLayerNorm, ps, a, training), training));
        }
        NDArray a = Layers.apply(attentionLayerNorm, ps, x.add(selfAttention(ps, x, attentionBias, training)), training);
        return Layers.apply(outputLayerNorm, ps, a.add(feedForward(ps, a, training)), training);
    }

    /** Multi-head scaled dot-product attention followed by the output projection and dropout. */
    private NDArray selfAttention(ParameterStore ps, NDArray x, NDArray attentionBias, boolean training) {
        Shape shape = x.getShape();
        long b = shape.get(0);
        long s = shape.get(1);
        int headSize = hidden / heads;
        NDArray q = splitHeads(Layers.apply(query, ps, x, training), b, s, headSize);
        NDArray k = splitHeads(Layers.apply(key, ps, x, training), b, s, headSize);
        NDArray v = splitHeads(Layers.apply(value, ps, x, training), b, s, headSize);
        // Not div(Number): DJL makes that scalar a tensor over a Java direct buffer and closes it at
        // once, but autograd keeps the tensor for the backward pass, which then reads freed memory
        // once the buffer is collected (NaN or wrong gradients below this layer). full() is torch-owned.
        NDArray scale = x.getManager().full(new Shape(), (float) Math.sqrt(headSize));
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(scale).add(attentionBias);
        NDArray probs = Dropout.dropout(scores.softmax(-1), attentionDropout, training).singletonOrThrow();
        NDArray context = probs.matMul(v).transpose(0, 2, 1, 3).reshape(b, s, hidden);
        NDArray projected = Layers.apply(attentionOutput, ps, context, training);
        return Dropout.dropout(projected, dropout, training).singletonOrThrow();
    }

    private static NDArray splitHeads(NDArray x, long b, long s, int headSize) {
        return x.reshape(b, s, -1, headSize).transpose(0, 2, 1, 3);
    }

    private NDArray feedForward(ParameterStore ps, NDArray x, boolean training) {
        NDArray h = Activation.gelu(Layers.apply(intermediate, ps, x, training));
        return Dropout.dropout(Layers.apply(output, ps, h, training), dropout, training).singletonOrThrow();
    }
}
