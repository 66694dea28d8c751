import os

import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)


def f(w):
    return w[0] ** 2 + 3 * w[1] ** 2


def losses(lr, steps=20):
    w = torch.tensor([-4.0, 2.0], requires_grad=True)
    values = []
    for _ in range(steps):
        loss = f(w)
        values.append(loss.item())
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
        w.grad = None
    values.append(f(w).item())
    return values


fig, ax = plt.subplots(figsize=(4.6, 3.4))
for lr, color in [(0.02, "tab:blue"), (0.1, "tab:green"), (0.34, "tab:red")]:
    L = losses(lr)
    ax.semilogy(range(len(L)), L, "o-", color=color, markersize=3, label=f"lr = {lr}")
    print(f"lr={lr:<4}", "loss at steps 0, 2, 10, 20:", torch.tensor(L)[[0, 2, 10, 20]])
ax.set_xticks(range(0, 21, 5))
ax.set_xlabel("step")
ax.set_ylabel("loss (log scale)")
ax.legend()
fig.tight_layout()

os.makedirs("build/figures/descent", exist_ok=True)
plt.rcParams["svg.hashsalt"] = "gradients-executed"
plt.rcParams["svg.fonttype"] = "none"  # text stays text, translated per language
plt.savefig("build/figures/descent/gradient_descent_loss.svg", metadata={"Date": None})
