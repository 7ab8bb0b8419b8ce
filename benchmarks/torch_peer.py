#!/usr/bin/python3
"""Eager-PyTorch reference ("peer") for one ELECTRA pretraining training step.

The same step the Java/DJL `./electra bench --objective electra` times, written
as plain torch.nn modules (no transformers library, no torch.compile):

  host masking (numpy) -> shared embeddings -> generator tower -> MLM head at
  the masked positions only -> Gumbel-max sampling (no grad) -> fake input ->
  shared embeddings -> discriminator tower -> RTD head -> loss = mlm + 50*disc
  -> backward -> global-norm clip 1.0 -> AdamWeightDecay (no bias correction).

Prints ONE JSON line; see benchmarks/README.md for the fields and for the FLOP
formula (model_flops_per_step below).

Threads: Debian's python3-torch does its GEMMs in OpenBLAS (libblas.so.3 ->
openblas-pthread), and torch.set_num_threads() does NOT reach OpenBLAS. With
OPENBLAS_NUM_THREADS=1 every matmul runs on one core whatever --threads says;
with it unset, OpenBLAS uses every core. So this script sets
OPENBLAS_NUM_THREADS (and OMP_NUM_THREADS) to --blas-threads (default:
--threads) BEFORE importing torch, and also calls torch.set_num_threads(T).

OpenMP wait policy: on this shared 2-core box, libgomp's default (spin-wait
after each parallel region) made --threads 2 about 8x SLOWER than --threads 1
whenever another process held a core (tiny: ~3.5 s vs ~0.45 s per step). The
script therefore sets OMP_WAIT_POLICY=PASSIVE unless the environment already
sets it (--omp-wait-policy overrides; "unset" leaves libgomp's default).
compare.sh exports the same value for the Java side, whose libtorch uses
OpenMP too.
"""
import argparse
import json
import os
import resource
import sys
import time


# ----------------------------------------------------------------------------
# Configuration
# ----------------------------------------------------------------------------
VOCAB = 30522
PAD, UNK, CLS, SEP, MASK = 0, 100, 101, 102, 103

# name: (layers, hidden, heads, ffn, embedding, max_positions, generator_fraction)
PRESETS = {
    "tiny": (4, 128, 2, 512, 128, 128, 1 / 4),
    "small": (12, 256, 4, 1024, 128, 512, 1 / 4),
    "base": (12, 768, 12, 3072, 768, 512, 1 / 3),
}


class TowerConfig:
    def __init__(self, layers, hidden, heads, ffn):
        self.layers, self.hidden, self.heads, self.ffn = layers, hidden, heads, ffn

    def as_dict(self):
        return dict(layers=self.layers, hidden=self.hidden, heads=self.heads, ffn=self.ffn)


def configs(preset):
    """Return (disc TowerConfig, gen TowerConfig, embedding size, max positions)."""
    layers, hidden, heads, ffn, emb, max_pos, frac = PRESETS[preset]
    disc = TowerConfig(layers, hidden, heads, ffn)
    gh = int(round(hidden * frac))
    gen = TowerConfig(layers, gh, max(1, gh // 64), 4 * gh)
    return disc, gen, emb, max_pos


def max_predictions(seq):
    """P = int((0.15 + 0.005) * seq): 19 at seq 128, 79 at seq 512."""
    return int((0.15 + 0.005) * seq)


# ----------------------------------------------------------------------------
# FLOP count (the Java side implements the same formula)
# ----------------------------------------------------------------------------
def model_flops_per_step(disc, gen, emb, vocab, batch, seq, preds):
    """Analytic FLOPs of one training step (forward + backward), a multiply-add = 2 FLOPs.

    Symbols: B batch, S seq, P = max predictions per sequence (fixed-size slots,
    padded slots included), E embedding size, V vocab; per tower: L layers,
    H hidden, F ffn.  N = B*S tokens.

      tower_fwd(L, H, F) = 2*N*( [E*H if E != H]      # embeddings_project
                                 + L*(4*H*H            # Q, K, V, O
                                      + 2*H*F) )       # FFN in + out
                         + 2*2*B*L*S*S*H               # Q.K^T and probs.V
      gen_head_fwd  = 2*B*P*(Hg*E + E*V)               # dense Hg->E, logits vs word table (masked slots only)
      disc_head_fwd = 2*N*(Hd*Hd + Hd)                 # dense Hd->Hd, dense Hd->1
      forward       = tower_fwd(gen) + tower_fwd(disc) + gen_head_fwd + disc_head_fwd
      step          = 3 * forward                      # backward counted as 2x forward

    Not counted: embedding lookups, biases, LayerNorm, GELU, softmax, dropout,
    losses, Gumbel sampling, masking, clipping and the optimizer update.
    Matmuls run over all S positions (padding included), as the real step does.
    """
    n = batch * seq

    def tower(t):
        mat = (emb * t.hidden if emb != t.hidden else 0) + t.layers * (4 * t.hidden * t.hidden + 2 * t.hidden * t.ffn)
        return 2 * n * mat + 2 * 2 * batch * t.layers * seq * seq * t.hidden

    gen_head = 2 * batch * preds * (gen.hidden * emb + emb * vocab)
    disc_head = 2 * n * (disc.hidden * disc.hidden + disc.hidden)
    forward = tower(gen) + tower(disc) + gen_head + disc_head
    return 3 * forward


# ----------------------------------------------------------------------------
# Data and host-side masking (numpy)
# ----------------------------------------------------------------------------
def make_batch(rng, batch, seq):
    """Random ids in [1000, 30000); [CLS] ... [SEP]; real length ~ U[seq/2, seq]; rest [PAD]."""
    import numpy as np
    ids = np.zeros((batch, seq), dtype=np.int64)
    lengths = rng.integers(seq // 2, seq + 1, size=batch)
    for b, n in enumerate(lengths):
        ids[b, 0] = CLS
        ids[b, 1:n - 1] = rng.integers(1000, 30000, size=n - 2)
        ids[b, n - 1] = SEP
    return ids


def mask_batch(rng, ids, preds, mask_prob=0.15, mask_token_prob=0.85):
    """ELECTRA masking on the host.

    Per sequence k = clamp(round(mask_prob * real tokens), 1, P) positions, real
    tokens = non-pad tokens ([CLS]/[SEP] included, as the official input_mask),
    chosen WITHOUT replacement among non-special tokens (never CLS/SEP/PAD/MASK).
    Of the chosen: 85% -> [MASK], 15% unchanged. Returns masked ids, positions
    [B,P] (padded slots point at 0), original ids at positions [B,P], weights [B,P]
    (1.0 real slot, 0.0 padding slot), input_mask [B,S].
    """
    import numpy as np
    batch, seq = ids.shape
    input_mask = ids != PAD
    candidates = input_mask & (ids != CLS) & (ids != SEP) & (ids != MASK)
    n_real = input_mask.sum(1)
    k = np.clip(np.rint(mask_prob * n_real).astype(np.int64), 1, preds)
    k = np.minimum(k, candidates.sum(1))
    # Exact k without replacement: random scores, non-candidates pushed to the end.
    scores = rng.random((batch, seq))
    scores[~candidates] = 2.0
    order = np.argsort(scores, axis=1, kind="stable")[:, :preds]
    weights = (np.arange(preds)[None, :] < k[:, None])
    positions = np.where(weights, order, 0)
    labels = np.take_along_axis(ids, positions, 1)
    replace = weights & (rng.random((batch, preds)) < mask_token_prob)
    masked = ids.copy()
    rows = np.broadcast_to(np.arange(batch)[:, None], positions.shape)
    masked[rows[replace], positions[replace]] = MASK
    return masked, positions, labels, weights.astype(np.float32), input_mask


# ----------------------------------------------------------------------------
# Model (built lazily after torch import, see main)
# ----------------------------------------------------------------------------
def build_model_classes(torch):
    nn = torch.nn
    F = torch.nn.functional

    class Embeddings(nn.Module):
        """word + position + token type, LayerNorm, dropout; shared by G and D."""

        def __init__(self, vocab, emb, max_pos, dropout):
            super().__init__()
            self.word = nn.Embedding(vocab, emb)
            self.position = nn.Embedding(max_pos, emb)
            self.token_type = nn.Embedding(2, emb)
            self.norm = nn.LayerNorm(emb, eps=1e-12)
            self.drop = nn.Dropout(dropout)

        def forward(self, ids):
            seq = ids.shape[1]
            pos = torch.arange(seq, device=ids.device)
            x = self.word(ids) + self.position(pos)[None] + self.token_type.weight[0]
            return self.drop(self.norm(x))

    class Layer(nn.Module):
        """Post-LayerNorm BERT layer."""

        def __init__(self, cfg, dropout):
            super().__init__()
            h = cfg.hidden
            self.heads = cfg.heads
            self.q = nn.Linear(h, h)
            self.k = nn.Linear(h, h)
            self.v = nn.Linear(h, h)
            self.o = nn.Linear(h, h)
            self.attn_drop = nn.Dropout(dropout)
            self.drop1 = nn.Dropout(dropout)
            self.norm1 = nn.LayerNorm(h, eps=1e-12)
            self.ffn_in = nn.Linear(h, cfg.ffn)
            self.ffn_out = nn.Linear(cfg.ffn, h)
            self.drop2 = nn.Dropout(dropout)
            self.norm2 = nn.LayerNorm(h, eps=1e-12)

        def forward(self, x, bias):
            b, s, h = x.shape
            nh, dh = self.heads, h // self.heads

            def split(t):
                return t.view(b, s, nh, dh).transpose(1, 2)

            q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
            scores = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / dh ** 0.5) + bias
            probs = self.attn_drop(torch.softmax(scores, dim=-1))
            ctx = torch.matmul(probs, v).transpose(1, 2).reshape(b, s, h)
            x = self.norm1(x + self.drop1(self.o(ctx)))
            y = self.ffn_out(F.gelu(self.ffn_in(x)))
            return self.norm2(x + self.drop2(y))

    class Tower(nn.Module):
        def __init__(self, cfg, emb, dropout):
            super().__init__()
            self.project = nn.Linear(emb, cfg.hidden) if emb != cfg.hidden else None
            self.layers = nn.ModuleList([Layer(cfg, dropout) for _ in range(cfg.layers)])

        def forward(self, x, bias):
            if self.project is not None:
                x = self.project(x)
            for layer in self.layers:
                x = layer(x, bias)
            return x

    class Electra(nn.Module):
        def __init__(self, disc, gen, emb, max_pos, vocab=VOCAB, dropout=0.1):
            super().__init__()
            self.embeddings = Embeddings(vocab, emb, max_pos, dropout)
            self.generator = Tower(gen, emb, dropout)
            self.gen_dense = nn.Linear(gen.hidden, emb)
            self.gen_norm = nn.LayerNorm(emb, eps=1e-12)
            self.gen_bias = nn.Parameter(torch.zeros(vocab))
            self.discriminator = Tower(disc, emb, dropout)
            self.disc_dense = nn.Linear(disc.hidden, disc.hidden)
            self.disc_out = nn.Linear(disc.hidden, 1)
            self.apply(self._init)

        @staticmethod
        def _init(m):
            if isinstance(m, (nn.Linear, nn.Embedding)):
                nn.init.trunc_normal_(m.weight, std=0.02, a=-0.04, b=0.04)
            if isinstance(m, nn.Linear) and m.bias is not None:
                nn.init.zeros_(m.bias)

        def forward(self, masked, positions, labels, weights, input_mask, original):
            # additive attention bias from the padding mask, [B,1,1,S]
            bias = (1.0 - input_mask[:, None, None, :].to(torch.float32)) * -10000.0

            # generator, MLM head only at the masked positions
            hg = self.generator(self.embeddings(masked), bias)
            idx = positions[:, :, None].expand(-1, -1, hg.shape[-1])
            hg = torch.gather(hg, 1, idx)                       # [B,P,Hg]
            hg = self.gen_norm(F.gelu(self.gen_dense(hg)))      # [B,P,E]
            logits = torch.matmul(hg, self.embeddings.word.weight.t()) + self.gen_bias  # [B,P,V]
            logp = torch.log_softmax(logits, dim=-1)
            nll = -torch.gather(logp, -1, labels[:, :, None])[..., 0]
            mlm_loss = (nll * weights).sum() / (weights.sum() + 1e-6)

            # Gumbel-max sampling (T = 1), no gradient
            with torch.no_grad():
                u = torch.rand_like(logits)
                gumbel = -torch.log(-torch.log(u + 1e-9) + 1e-9)
                sampled = torch.argmax(logits.detach() + gumbel, dim=-1)  # [B,P]
                sel = weights > 0
                fake = masked.clone()
                fake_vals = torch.where(sel, sampled, torch.gather(masked, 1, positions))
                fake.scatter_(1, positions, fake_vals)
                # padded slots write back the value already there (position 0 = [CLS])
                rtd_labels = (fake != original).to(torch.float32)

            # discriminator
            hd = self.discriminator(self.embeddings(fake), bias)
            d = self.disc_out(F.gelu(self.disc_dense(hd)))[..., 0]  # [B,S]
            m = input_mask.to(torch.float32)
            bce = F.binary_cross_entropy_with_logits(d, rtd_labels, reduction="none")
            disc_loss = (bce * m).sum() / (m.sum() + 1e-6)
            return mlm_loss + 50.0 * disc_loss, mlm_loss.detach(), disc_loss.detach()

    return Electra


# ----------------------------------------------------------------------------
# Optimizer: official AdamWeightDecayOptimizer (no bias correction), torch._foreach ops
# ----------------------------------------------------------------------------
class AdamWeightDecay:
    """m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2; u = m/(sqrt(v)+eps) [+ wd*p]; p -= lr*u.

    No decay for LayerNorm weights and for biases (official exclude list
    ["LayerNorm", "layer_norm", "bias"]). Implemented with torch._foreach_* ops
    (multi-tensor, one call per op per group), the eager-PyTorch way.
    """

    def __init__(self, torch, model, lr=5e-4, wd=0.01, b1=0.9, b2=0.999, eps=1e-6):
        self.torch = torch
        self.lr, self.wd, self.b1, self.b2, self.eps = lr, wd, b1, b2, eps
        decay, no_decay = [], []
        for name, p in model.named_parameters():   # shared parameters appear once
            if not p.requires_grad:
                continue
            if p.ndim == 1 or "norm" in name:       # biases, LayerNorm weights/biases, gen_bias
                no_decay.append(p)
            else:
                decay.append(p)
        self.groups = []
        for params, wd_ in ((decay, wd), (no_decay, 0.0)):
            self.groups.append(dict(params=params, wd=wd_,
                                    m=[torch.zeros_like(p) for p in params],
                                    v=[torch.zeros_like(p) for p in params]))

    def step(self, lr):
        t = self.torch
        with t.no_grad():
            for g in self.groups:
                ps = [p for p in g["params"] if p.grad is not None]
                if len(ps) != len(g["params"]):
                    raise RuntimeError("parameter without gradient")
                grads = [p.grad for p in ps]
                m, v = g["m"], g["v"]
                t._foreach_mul_(m, self.b1)
                t._foreach_add_(m, grads, alpha=1 - self.b1)
                t._foreach_mul_(v, self.b2)
                t._foreach_addcmul_(v, grads, grads, value=1 - self.b2)
                upd = t._foreach_sqrt(v)
                t._foreach_add_(upd, self.eps)
                upd = t._foreach_div(m, upd)
                if g["wd"] != 0.0:
                    t._foreach_add_(upd, ps, alpha=g["wd"])
                t._foreach_add_(ps, upd, alpha=-lr)


def learning_rate(step, base=5e-4, warmup=10000, total=1000000):
    """Official schedule: linear warmup, then linear (power 1) decay to 0."""
    decayed = base * max(0.0, 1.0 - step / total)
    if step < warmup:
        return base * (step + 1) / warmup if warmup > 0 else decayed
    return decayed


def params_count(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


# ----------------------------------------------------------------------------
def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--preset", choices=sorted(PRESETS), default="small")
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--seq", type=int, default=128)
    ap.add_argument("--steps", type=int, default=10, help="timed steps")
    ap.add_argument("--warmup", type=int, default=3, help="untimed steps first")
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--blas-threads", type=int, default=None,
                    help="OPENBLAS_NUM_THREADS to use (default: --threads); 1 reproduces single-core GEMMs")
    ap.add_argument("--omp-wait-policy", default=None,
                    help="OMP_WAIT_POLICY: PASSIVE (default unless set in the environment), ACTIVE, or unset")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--verbose", action="store_true", help="per-step timings and losses on stderr")
    ap.add_argument("--profile", metavar="FILE", default=None,
                    help="after the timed steps, trace 3 more with torch's profiler to FILE (Chrome trace; "
                         "trace_summary.py tabulates it, as for ./electra bench --profile)")
    return ap.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    blas_threads = args.blas_threads or args.threads
    # must happen before torch (and its OpenBLAS / OpenMP runtimes) is loaded
    os.environ["OPENBLAS_NUM_THREADS"] = str(blas_threads)
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    policy = args.omp_wait_policy or os.environ.get("OMP_WAIT_POLICY") or "PASSIVE"
    if policy.lower() == "unset":
        os.environ.pop("OMP_WAIT_POLICY", None)
    else:
        os.environ["OMP_WAIT_POLICY"] = policy
    import numpy as np
    import torch
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    disc, gen, emb, max_pos = configs(args.preset)
    if args.seq > max_pos:
        sys.exit(f"--seq {args.seq} > max positions {max_pos} of preset {args.preset}")
    preds = max_predictions(args.seq)
    Electra = build_model_classes(torch)
    model = Electra(disc, gen, emb, max_pos)
    model.train()
    opt = AdamWeightDecay(torch, model)
    param_list = list(model.parameters())  # shared embeddings appear once

    rng = np.random.default_rng(args.seed)
    pool = [make_batch(rng, args.batch, args.seq) for _ in range(4)]  # data "loading": untimed

    def step(i):
        ids = pool[i % len(pool)]
        masked, positions, labels, weights, input_mask = mask_batch(rng, ids, preds)
        t = torch.from_numpy
        loss, mlm, dl = model(t(masked), t(positions), t(labels), t(weights), t(input_mask), t(ids))
        for p in param_list:
            p.grad = None
        loss.backward()
        torch.nn.utils.clip_grad_norm_(param_list, 1.0)
        opt.step(learning_rate(i))
        return float(loss), float(mlm), float(dl)

    times, cpu_times = [], []
    for i in range(args.warmup + args.steps):
        c0 = time.process_time()
        t0 = time.perf_counter()
        loss, mlm, dl = step(i)
        dt = time.perf_counter() - t0
        if i >= args.warmup:
            times.append(dt)
            cpu_times.append(time.process_time() - c0)
        if args.verbose:
            print(f"step {i} {'warm' if i < args.warmup else 'timed'} {dt * 1e3:.1f} ms "
                  f"loss {loss:.4f} mlm {mlm:.4f} disc {dl:.4f}", file=sys.stderr)

    if args.profile:  # after the timing, so the profiler's overhead stays out of it
        with torch.autograd.profiler.profile(record_shapes=True) as prof:
            for i in range(3):
                step(args.warmup + args.steps + i)
        prof.export_chrome_trace(args.profile)

    ms = np.array(times) * 1e3
    median = float(np.median(ms))
    flops = model_flops_per_step(disc, gen, emb, VOCAB, args.batch, args.seq, preds)
    out = dict(
        preset=args.preset,
        objective="electra",
        batch=args.batch,
        seq=args.seq,
        device="cpu",
        threads=args.threads,
        params=params_count(model),
        step_ms_median=round(median, 3),
        step_ms_p90=round(float(np.percentile(ms, 90)), 3),
        tokens_per_second=round(args.batch * args.seq / (median / 1e3), 2),
        model_gflops_per_step=round(flops / 1e9, 4),
        achieved_gflops_per_second=round(flops / 1e9 / (median / 1e3), 3),
        peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        engine="pytorch-eager " + torch.__version__,
        # extra, informative
        steps=args.steps,
        warmup=args.warmup,
        blas_threads=blas_threads,
        omp_wait_policy=os.environ.get("OMP_WAIT_POLICY", "unset"),
        # process CPU time (all threads) per timed step: on a shared machine, with --threads 1,
        # a contention-robust estimate of the uncontended step time
        cpu_ms_median=round(float(np.median(cpu_times)) * 1e3, 3),
        load_avg_1min=round(os.getloadavg()[0], 2),
        final_loss=round(loss, 4),
    )
    print(json.dumps(out))


if __name__ == "__main__":
    main()
