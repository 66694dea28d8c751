import torch

torch.manual_seed(0)
true_w = torch.full((200, 1), 0.1, dtype=torch.float64)  # (1)!


def synthetic_data(n):
    X = torch.normal(0.0, 1.0, (n, 200), dtype=torch.float64)
    return X, X @ true_w + 0.05 + torch.normal(0.0, 1.0, (n, 1), dtype=torch.float64)


X_tr, y_tr = synthetic_data(100)
vals = [synthetic_data(100) for _ in range(3)]  # (2)!
Z = torch.cat([X_tr, torch.ones(100, 1, dtype=torch.float64)], dim=1)
P = torch.diag(torch.tensor([1.0] * 200 + [0.0], dtype=torch.float64))  # no penalty on b
lambdas, val_loss, risk = [0.3, 1, 2, 3, 5, 10, 30], [], []
for wd in lambdas:
    theta = torch.linalg.solve(2 / 100 * Z.T @ Z + wd * P, 2 / 100 * Z.T @ y_tr)  # (3)!
    w, b = theta[:-1], theta[-1]
    val_loss.append([((X @ w + b - y) ** 2).mean().item() for X, y in vals])
    risk.append(((w - true_w) ** 2).sum().item() + (b - 0.05).item() ** 2 + 1.0)  # (4)!
print("expected test loss:", ", ".join(f"lambda {wd}: {r:.3f}" for wd, r in zip(lambdas, risk)))
for k in range(3):
    i = min(range(len(lambdas)), key=lambda j: val_loss[j][k])
    above = risk[i] / min(risk) - 1
    print(f"validation set {k}: chooses lambda = {lambdas[i]}, expected test loss {risk[i]:.3f} (best + {above:.1%})")
