"""Quick checks of torch_peer.py (a few seconds on one core).

Run:  cd benchmarks && OPENBLAS_NUM_THREADS=1 /usr/bin/python3 -m unittest -v test_torch_peer
"""
import os
import unittest

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402

import torch_peer as tp  # noqa: E402

torch.set_num_threads(1)


class MaskingTest(unittest.TestCase):
    def test_invariants(self):
        rng = np.random.default_rng(1)
        seq, preds = 128, tp.max_predictions(128)
        self.assertEqual(preds, 19)
        self.assertEqual(tp.max_predictions(512), 79)
        ids = tp.make_batch(rng, 64, seq)
        masked, pos, labels, w, input_mask = tp.mask_batch(rng, ids, preds)
        n_mask = n_sel = 0
        for b in range(ids.shape[0]):
            n_real = int((ids[b] != tp.PAD).sum())
            self.assertTrue(seq // 2 <= n_real <= seq)
            self.assertEqual(ids[b, 0], tp.CLS)
            self.assertEqual(ids[b, n_real - 1], tp.SEP)
            k = int(w[b].sum())
            self.assertEqual(k, min(preds, max(1, int(np.rint(0.15 * n_real)))))
            real = pos[b, :k]
            self.assertEqual(len(set(real.tolist())), k, "without replacement")
            self.assertTrue(np.all(pos[b, k:] == 0))
            for p in real:
                self.assertNotIn(ids[b, p], (tp.PAD, tp.CLS, tp.SEP, tp.MASK))
                self.assertEqual(labels[b, list(real).index(p)], ids[b, p])
                self.assertIn(masked[b, p], (tp.MASK, ids[b, p]))
                n_mask += masked[b, p] == tp.MASK
            n_sel += k
            other = np.ones(seq, bool)
            other[real] = False
            self.assertTrue(np.all(masked[b, other] == ids[b, other]))
        self.assertAlmostEqual(n_mask / n_sel, 0.85, delta=0.05)


class OptimizerTest(unittest.TestCase):
    def test_matches_official_formula(self):
        torch.manual_seed(0)
        model = torch.nn.Sequential(torch.nn.Linear(5, 4), torch.nn.LayerNorm(4))
        ref = [p.detach().clone() for p in model.parameters()]
        names = [n for n, _ in model.named_parameters()]
        m = [torch.zeros_like(p) for p in ref]
        v = [torch.zeros_like(p) for p in ref]
        opt = tp.AdamWeightDecay(torch, model, lr=0.1)
        for step in range(3):
            grads = [torch.randn_like(p) for p in ref]
            for p, g in zip(model.parameters(), grads):
                p.grad = g.clone()
            opt.step(0.1)
            for i, (name, g) in enumerate(zip(names, grads)):
                m[i] = 0.9 * m[i] + 0.1 * g
                v[i] = 0.999 * v[i] + 0.001 * g * g
                upd = m[i] / (v[i].sqrt() + 1e-6)
                if name == "0.weight":  # only the Linear weight decays
                    upd = upd + 0.01 * ref[i]
                ref[i] = ref[i] - 0.1 * upd
            for p, r in zip(model.parameters(), ref):
                torch.testing.assert_close(p.detach(), r)


class ModelTest(unittest.TestCase):
    def test_small_param_count(self):
        disc, gen, emb, max_pos = tp.configs("small")
        self.assertEqual((gen.hidden, gen.heads, gen.ffn), (64, 1, 256))
        model = tp.build_model_classes(torch)(disc, gen, emb, max_pos)
        V, E, H, F, L, Hg, Fg = 30522, 128, 256, 1024, 12, 64, 256
        embeddings = V * E + 512 * E + 2 * E + 2 * E

        def tower(h, f):
            return E * h + h + L * (4 * (h * h + h) + 2 * h + h * f + f + f * h + h + 2 * h)

        disc_n = tower(H, F) + H * H + H + H + 1
        gen_n = tower(Hg, Fg) + Hg * E + E + 2 * E + V
        self.assertEqual(tp.params_count(model), embeddings + disc_n + gen_n)
        # ELECTRA-Small discriminator: ~14M (paper's Table 1)
        self.assertAlmostEqual((embeddings + disc_n) / 1e6, 13.5, delta=0.1)

    def test_base_generator(self):
        _, gen, _, _ = tp.configs("base")
        self.assertEqual((gen.hidden, gen.heads, gen.ffn), (256, 4, 1024))
        _, gen, _, _ = tp.configs("tiny")
        self.assertEqual((gen.hidden, gen.heads, gen.ffn), (32, 1, 128))

    def test_flops_from_module_shapes(self):
        """The closed formula equals a count from the model's own Linear layers."""
        for preset in ("tiny", "small", "base"):
            disc, gen, emb, max_pos = tp.configs(preset)
            model = tp.build_model_classes(torch)(disc, gen, emb, max_pos)
            B, S = 8, 128
            P = tp.max_predictions(S)
            fwd = 0
            for tower, cfg in ((model.generator, gen), (model.discriminator, disc)):
                mats = sum(m.weight.numel() for m in tower.modules() if isinstance(m, torch.nn.Linear))
                fwd += 2 * B * S * mats + 4 * B * cfg.layers * S * S * cfg.hidden
            fwd += 2 * B * P * (model.gen_dense.weight.numel() + model.embeddings.word.weight.numel())
            fwd += 2 * B * S * (model.disc_dense.weight.numel() + model.disc_out.weight.numel())
            self.assertEqual(tp.model_flops_per_step(disc, gen, emb, tp.VOCAB, B, S, P), 3 * fwd)

    def test_train_steps(self):
        torch.manual_seed(0)
        rng = np.random.default_rng(0)
        disc, gen, emb, max_pos = tp.configs("tiny")
        model = tp.build_model_classes(torch)(disc, gen, emb, max_pos)
        opt = tp.AdamWeightDecay(torch, model)
        ids = tp.make_batch(rng, 4, 32)
        params = list(model.parameters())
        losses = []
        for _ in range(15):
            a = [torch.from_numpy(x) for x in tp.mask_batch(rng, ids, tp.max_predictions(32))]
            loss, mlm, dl = model(*a, torch.from_numpy(ids))
            for p in params:
                p.grad = None
            loss.backward()
            for p in params:
                self.assertIsNotNone(p.grad)
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step(1e-3)
            losses.append(float(loss))
        self.assertTrue(all(np.isfinite(losses)))
        self.assertLess(np.mean(losses[-3:]), np.mean(losses[:3]))
        # initial losses: mlm ~ ln V, disc ~ ln 2
        self.assertAlmostEqual(losses[0], np.log(30522) + 50 * np.log(2), delta=2.0)


if __name__ == "__main__":
    unittest.main()
