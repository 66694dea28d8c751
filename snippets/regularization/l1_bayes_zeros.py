import torch
import torch.nn.functional as F

torch.manual_seed(0)

n, d, lr, lambd = 50, 20, 0.05, 0.1
true_w = torch.zeros(d)
true_w[:3] = torch.tensor([2.0, -1.5, 1.0])  # (1)!
X = torch.randn(n, d)
y = X @ true_w + 0.1 * torch.randn(n)


def grad(w):
    return 2 * X.T @ (X @ w - y) / n


w_sub, w_prox = torch.zeros(d), torch.zeros(d)
for step in range(500):
    w_sub = w_sub - lr * (grad(w_sub) + lambd * torch.sign(w_sub))  # (2)!
    w_prox = F.softshrink(w_prox - lr * grad(w_prox), lr * lambd)  # (3)!
print("exact zeros, subgradient:", (w_sub == 0).sum().item())
print("exact zeros, proximal:   ", (w_prox == 0).sum().item())
print(f"largest |w| off the support: {w_sub[3:].abs().max().item():.2g} {w_prox[3:].abs().max().item():.2g}")
print(w_prox[:3])
