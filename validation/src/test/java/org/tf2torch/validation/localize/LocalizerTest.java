package org.tf2torch.validation.localize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tf2torch.validation.compare.Divergence;
import org.tf2torch.validation.compare.Tolerances;
import org.tf2torch.validation.io.NdArray;

class LocalizerTest {
    /** A TF graph given as its tensors' values: conv/Conv2D (no bias), conv/BiasAdd, relu/Relu, all NHWC [1,2,2,3]. */
    static final class FakeTf implements TfIntermediates {
        final Map<String, String> ops = new LinkedHashMap<>();
        final Map<String, NdArray> values = new LinkedHashMap<>();

        void add(String node, String op, NdArray value) {
            ops.put(node, op);
            values.put(node + ":0", value);
        }

        @Override
        public Map<String, String> nodeOps() { return ops; }

        @Override
        public int outputCount(String node) { return ops.containsKey(node) ? 1 : -1; }

        @Override
        public Map<String, NdArray> fetch(Map<String, NdArray> inputs, List<String> tensors) {
            Map<String, NdArray> out = new LinkedHashMap<>();
            for (String t : tensors) out.put(t, values.get(t));
            return out;
        }
    }

    static NdArray nhwc(float base) {
        float[] v = new float[12];
        for (int i = 0; i < v.length; i++) v[i] = base + i;
        return NdArray.of(v, 1, 2, 2, 3);
    }

    static FakeTf graph() {
        FakeTf tf = new FakeTf();
        tf.add("conv/Conv2D", "Conv2D", nhwc(0));
        tf.add("conv/BiasAdd", "BiasAdd", nhwc(100));
        tf.add("relu/Relu", "Relu", nhwc(200));
        return tf;
    }

    static NdArray nchw(NdArray a) { return LayoutMatch.permute(a, new int[] {0, 3, 1, 2}); }

    /** The fused conv (source Conv2D, value named after the BiasAdd), then the relu; an input transpose first. */
    static List<Probe> probes() {
        return List.of(new Probe("conv_Conv2D", "conv_Conv2D", "transpose", "conv/Conv2D", "Conv2D", ""),
                new Probe("conv_BiasAdd_3", "conv_BiasAdd_3", "conv", "conv/Conv2D", "Conv2D", ""),
                new Probe("relu_Relu", "relu_Relu", "relu", "relu/Relu", "Relu", ""));
    }

    @Test
    void namesTheFirstValueOutsideTolerance() {
        Map<String, NdArray> locals = Map.of("conv_Conv2D", nhwc(-5), "conv_BiasAdd_3", nchw(nhwc(100)),
                "relu_Relu", nchw(nhwc(201)));
        Divergence d = Localizer.localize(probes(), locals, graph(), Map.of(), Tolerances.defaults(), "python-eager", 0);
        assertEquals("relu/Relu", d.tfNode());
        assertEquals("Relu", d.tfOp());
        assertEquals(1.0, d.maxAbsErr(), 1e-6);
        assertTrue(d.message().contains("NHWC->NCHW") && d.message().contains("1 earlier value matched"), d.message());
    }

    @Test
    void aFusedConvIsComparedWithTheTensorItsValueIsNamedAfter() {
        Map<String, NdArray> locals = Map.of("conv_BiasAdd_3", nchw(nhwc(101)), "relu_Relu", nchw(nhwc(200)));
        Divergence d = Localizer.localize(probes(), locals, graph(), Map.of(), Tolerances.defaults(), "python-eager", 0);
        assertEquals("conv/Conv2D", d.tfNode());
        assertTrue(d.message().contains("conv/BiasAdd:0"), d.message());
    }

    @Test
    void saysSoWhenEverythingMatches() {
        Map<String, NdArray> locals = Map.of("conv_BiasAdd_3", nchw(nhwc(100)), "relu_Relu", nhwc(200));
        Divergence d = Localizer.localize(probes(), locals, graph(), Map.of(), Tolerances.defaults(), "python-eager", 0);
        assertNull(d.tfNode());
        assertTrue(d.message().startsWith("all 2 intermediate values"), d.message());
    }

    @Test
    void functionBodiesAreReportedAsNotFetchable() {
        List<Probe> inFn = List.of(new Probe("x", "x", "relu", "model/relu", "Relu", "__inference_call_42"));
        Divergence d = Localizer.localize(inFn, Map.of("x", nhwc(0)), graph(), Map.of(), Tolerances.defaults(),
                "python-eager", 0);
        assertNull(d.tfNode());
        assertTrue(d.message().contains("TF2 function bodies cannot be fetched"), d.message());
    }

    @Test
    void permutesLikeNumpyTranspose() {
        NdArray a = NdArray.of(new float[] {0, 1, 2, 3, 4, 5}, 1, 1, 2, 3);
        NdArray t = LayoutMatch.permute(a, new int[] {0, 3, 1, 2});
        assertEquals(List.of(1L, 3L, 1L, 2L), java.util.Arrays.stream(t.shape()).boxed().toList());
        assertEquals(List.of(0f, 3f, 1f, 4f, 2f, 5f), java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> (float) t.getDouble(i)).toList());
    }
}
