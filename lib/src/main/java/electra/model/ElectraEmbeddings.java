package electra.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;

import electra.config.ElectraConfig;

/**
 * Word, position and token-type embeddings, summed, then LayerNorm and dropout
 * (Hugging Face {@code ElectraEmbeddings}). In pretraining one instance serves both the generator
 * and the discriminator: the paper's "tied token embeddings".
 */
public final class ElectraEmbeddings extends ElectraBlock {

    /** (vocab, embedding): also the generator's output matrix. */
    private final Parameter wordEmbeddings;
    /** (maxPositions, embedding): learned absolute positions. */
    private final Parameter positionEmbeddings;
    /** (typeVocab, embedding): segment A/B. */
    private final Parameter tokenTypeEmbeddings;
    private final LayerNorm layerNorm;
    private final float dropout;
    private final int embeddingSize;

    public ElectraEmbeddings(ElectraConfig config) {
        embeddingSize = config.embeddingSize();
        wordEmbeddings = weight("word_embeddings", new Shape(config.vocabSize(), embeddingSize));
        positionEmbeddings = weight("position_embeddings", new Shape(config.maxPositionEmbeddings(), embeddingSize));
        tokenTypeEmbeddings = weight("token_type_embeddings", new Shape(config.typeVocabSize(), embeddingSize));
        layerNorm = child("LayerNorm", Layers.layerNorm());
        dropout = config.hiddenDropoutProb();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Layers.initLayerNorm(layerNorm, manager, embeddingSize);
    }

    /**
     * @param inputIds (B, S) int token ids
     * @param tokenTypeIds (B, S) int segment ids
     * @return (B, S, embeddingSize)
     */
    public NDArray forward(ParameterStore ps, NDArray inputIds, NDArray tokenTypeIds, boolean training) {
        long seq = inputIds.getShape().get(1);
        NDArray words = Embedding.embedding(inputIds, wordEmbeddings.getArray(), SparseFormat.DENSE).singletonOrThrow();
        NDArray types = Embedding.embedding(tokenTypeIds, tokenTypeEmbeddings.getArray(), SparseFormat.DENSE).singletonOrThrow();
        NDArray positions = positionEmbeddings.getArray().get(new NDIndex("0:{}", seq));
        NDArray sum = words.add(types).add(positions);
        NDArray normed = Layers.apply(layerNorm, ps, sum, training);
        return Dropout.dropout(normed, dropout, training).singletonOrThrow();
    }

    /** The (vocab, embedding) table the generator's output layer is tied to. */
    public NDArray wordEmbeddingTable() {
        return wordEmbeddings.getArray();
    }

    public int embeddingSize() {
        return embeddingSize;
    }
}
