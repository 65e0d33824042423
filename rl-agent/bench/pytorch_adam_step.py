"""The reference side of GradStepBench: one Adam step of an MLP Q-network in PyTorch from Python.

Same work as GradStepBench's bare step (forward on a fixed batch, MSE loss against a fixed
target, backward, global gradient-norm clipping at 10, Adam), for the two shapes the project
compares: 8-256-256-4 on a batch of 64 and 4-64-64-2 on a batch of 32.

    python3 rl-agent/bench/pytorch_adam_step.py [threads] [noclip]

threads: torch.set_num_threads (default: PyTorch's own choice); noclip: leave out the clipping.
Prints wall and CPU milliseconds per step after 300 warm-up steps.
"""
import sys
import time

import torch
from torch import nn


def mlp(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def bench(sizes, batch, clip, steps=3000):
    torch.manual_seed(2)
    net = mlp(sizes)
    opt = torch.optim.Adam(net.parameters(), lr=1e-4)
    x = torch.randn(batch, sizes[0])
    y = torch.randn(batch, sizes[-1])

    def step():
        loss = ((net(x) - y) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        if clip:
            nn.utils.clip_grad_norm_(net.parameters(), 10.0)
        opt.step()

    for _ in range(300):
        step()
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(steps):
        step()
    wall = (time.perf_counter() - t0) / steps * 1e3
    cpu = (time.process_time() - c0) / steps * 1e3
    shape = "-".join(str(s) for s in sizes)
    print(f"torch {torch.__version__} threads={torch.get_num_threads()} clip={clip} "
          f"adam step {shape} batch {batch}: {wall:.3f} ms wall, {cpu:.3f} ms cpu", flush=True)


def main():
    if len(sys.argv) > 1:
        torch.set_num_threads(int(sys.argv[1]))
    clip = "noclip" not in sys.argv[2:]
    for _ in range(2):
        bench([8, 256, 256, 4], 64, clip)
        bench([4, 64, 64, 2], 32, clip)


if __name__ == "__main__":
    main()
