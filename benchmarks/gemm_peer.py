#!/usr/bin/python3
"""fp32 GEMM throughput through torch, at square sizes and at the shapes of one ELECTRA step.

Prints one JSON line per shape on stdout (a readable table on stderr): name, m, k, n, batch (bmm), layout, ms_median, gflops_per_second.
A Linear y = x @ W^T with x [N,in], W [out,in] runs three GEMMs per step:
  forward  y  = x  @ W^T   (N x in) . (in x out)          -> "fwd"
  backward dx = dy @ W     (N x out) . (out x in)         -> "dx"
  backward dW = dy^T @ x   (out x N) . (N x in)           -> "dW"
all three are timed for the model's dense layers, so the numbers bracket what the step can reach.

Threads: as torch_peer.py, OPENBLAS_NUM_THREADS is set to --blas-threads (default --threads)
before torch is imported; torch.set_num_threads(T) alone does not reach Debian's OpenBLAS.
"""
import argparse
import json
import os
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--blas-threads", type=int, default=None)
    ap.add_argument("--preset", default="small")
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--seq", type=int, default=128)
    ap.add_argument("--min-time", type=float, default=0.3, help="seconds of timing per shape")
    ap.add_argument("--only-square", action="store_true")
    args = ap.parse_args()
    blas = args.blas_threads or args.threads
    os.environ["OPENBLAS_NUM_THREADS"] = str(blas)
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # as torch_peer.py
    import numpy as np
    import torch
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import torch_peer as tp
    torch.set_num_threads(args.threads)

    # (name, m, k, n, layout): layout "NN" / "NT" (b is a transposed view) / "TN" (a is), or a bmm batch count
    shapes = [("square", 512, 512, 512, "NN"), ("square", 1024, 1024, 1024, "NN"), ("square", 2048, 2048, 2048, "NN")]
    if not args.only_square:
        disc, gen, emb, _ = tp.configs(args.preset)
        N, S, B = args.batch * args.seq, args.seq, args.batch
        P = tp.max_predictions(S)
        V = tp.VOCAB

        def linear(tag, rows, d_in, d_out):
            # layouts as autograd runs them: W^T is a transposed view, dy^T too
            return [(f"{tag}.fwd", rows, d_in, d_out, "NT"),
                    (f"{tag}.dx", rows, d_out, d_in, "NN"),
                    (f"{tag}.dW", d_out, rows, d_in, "TN")]

        for tname, t in (("disc", disc), ("gen", gen)):
            h, f = t.hidden, t.ffn
            if emb != h:
                shapes += linear(f"{tname}.project", N, emb, h)
            shapes += linear(f"{tname}.qkvo", N, h, h)
            shapes += linear(f"{tname}.ffn_in", N, h, f)
            shapes += linear(f"{tname}.ffn_out", N, f, h)
            dh = h // t.heads
            shapes.append((f"{tname}.attn_scores(bmm)", S, dh, S, B * t.heads))
            shapes.append((f"{tname}.attn_ctx(bmm)", S, S, dh, B * t.heads))
        shapes += linear("gen.logits", B * P, emb, V)   # h @ word_embeddings^T

    torch.manual_seed(0)
    for name, m, k, n, layout in shapes:
        batch = 1
        if isinstance(layout, str):
            a = torch.randn(k, m).t() if layout == "TN" else torch.randn(m, k)
            b = torch.randn(n, k).t() if layout == "NT" else torch.randn(k, n)
            fn = lambda: torch.mm(a, b)  # noqa: E731
        else:
            batch, layout = layout, "NN"
            a, b = torch.randn(batch, m, k), torch.randn(batch, k, n)
            fn = lambda: torch.bmm(a, b)  # noqa: E731
        for _ in range(3):
            fn()
        times = []
        t_end = time.perf_counter() + args.min_time
        while time.perf_counter() < t_end or len(times) < 5:
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        med = float(np.median(times))
        flops = 2.0 * m * k * n * batch
        print(json.dumps(dict(name=name, m=m, k=k, n=n, batch=batch, layout=layout, threads=args.threads, blas_threads=blas,
                              ms_median=round(med * 1e3, 4), gflops_per_second=round(flops / med / 1e9, 2),
                              engine="pytorch-eager " + torch.__version__)), flush=True)
        print(f"{name:26s} {m:6d} {k:6d} {n:6d} x{batch:<3d} {layout}  {med * 1e3:9.3f} ms  "
              f"{flops / med / 1e9:7.1f} GFLOP/s", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
