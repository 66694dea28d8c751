import os

import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)

X = torch.tensor([[1.0], [2.0], [3.0]])
Y = 2 * X


def train(model, params, epochs=100):
    opt = torch.optim.SGD(params, lr=0.01)
    curve = []
    for epoch in range(epochs):
        total = 0.0
        for x, y in zip(X, Y):
            opt.zero_grad()
            loss = ((model(x) - y) ** 2).sum()
            loss.backward()
            opt.step()
            total += loss.item()
        curve.append(total / 3)
    return curve


w = torch.tensor([1.0], requires_grad=True)
w_only = train(lambda x: x * w, [w])
linear = nn.Linear(1, 1)
with_bias = train(linear, linear.parameters())

plt.rcParams["svg.hashsalt"] = "gradients-executed"
plt.rcParams["svg.fonttype"] = "none"  # text stays text, translated per language
fig, ax = plt.subplots(figsize=(4.6, 3.2))
epochs = range(1, len(w_only) + 1)
ax.semilogy(epochs, w_only, label="y = w x (w only)")
ax.semilogy(epochs, with_bias, label="nn.Linear: y = w x + b")
ax.set_xlabel("epoch")
ax.set_ylabel("mean loss")
ax.legend()
fig.tight_layout()
os.makedirs("build/figures/autograd", exist_ok=True)
fig.savefig("build/figures/autograd/linear_sgd_loss.svg", metadata={"Date": None})
print(f"w x:     {w_only[0]:.3g} -> below 1e-9: {w_only[-1] < 1e-9}")
print(f"w x + b: {with_bias[0]:.3g} -> {with_bias[-1]:.3g}")
