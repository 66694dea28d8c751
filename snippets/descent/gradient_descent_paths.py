import os

import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)


def f(w):
    return w[0] ** 2 + 3 * w[1] ** 2


def path(lr, steps=20):
    w = torch.tensor([-4.0, 2.0], requires_grad=True)
    points = [w.detach().clone()]
    for _ in range(steps):
        f(w).backward()
        with torch.no_grad():
            w -= lr * w.grad
        w.grad = None
        points.append(w.detach().clone())
    return torch.stack(points)


xs = torch.linspace(-5, 5, 201)
X, Y = torch.meshgrid(xs, xs, indexing="xy")
fig, ax = plt.subplots(figsize=(4.6, 4.2))
ax.contour(X, Y, X**2 + 3 * Y**2, levels=[1, 4, 9, 16, 28, 45, 64], colors="0.75")
for lr, color in [(0.02, "tab:blue"), (0.1, "tab:green"), (0.34, "tab:red")]:
    P = path(lr)
    ax.plot(P[:, 0], P[:, 1], "o-", color=color, markersize=3, label=f"lr = {lr}")
ax.plot([0], [0], "k*", markersize=10)
ax.set_aspect("equal")
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.set_title("20 steps on x² + 3y² from (−4, 2)")
ax.legend(loc="upper right")
os.makedirs("build/figures/descent", exist_ok=True)
plt.rcParams["svg.hashsalt"] = "gradients-executed"
plt.rcParams["svg.fonttype"] = "none"  # text stays text, translated per language
plt.savefig("build/figures/descent/gradient_descent_paths.svg", metadata={"Date": None})
print("saved build/figures/descent/gradient_descent_paths.svg")
