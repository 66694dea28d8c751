import torch
import torch.nn.functional as F

torch.manual_seed(0)


def synthetic_data(n, w=torch.full((200, 1), 0.01), b=0.05):
    X = torch.normal(0.0, 1.0, (n, 200))
    return X, X @ w + b + torch.normal(0.0, 0.01, (n, 1))


(X_tr, y_tr), (X_te, y_te) = synthetic_data(20), synthetic_data(100)
x2 = (X_tr ** 2).mean(dim=0)  # (3)!
print(f"mean of x_j^2 over the 20 training rows, per feature: {x2.min().item():.2f} to {x2.max().item():.2f}")
for p in (0.0, 0.5, 0.8):
    torch.manual_seed(1)
    w, b = torch.normal(0.0, 1.0, (200, 1)), torch.normal(0.0, 1.0, (1,))
    w.requires_grad_(), b.requires_grad_()
    opt = torch.optim.SGD([w, b], lr=0.003)
    for epoch in range(100):
        for idx in torch.randperm(20).split(5):
            opt.zero_grad()
            X = F.dropout(X_tr[idx], p, training=True)  # (1)!
            ((X @ w + b - y_tr[idx]) ** 2).mean().backward()
            opt.step()
    with torch.no_grad():
        test = ((X_te @ w + b - y_te) ** 2).mean().item()  # (2)!
    print(f"p = {p}: test {test:.3g}, |w| {w.norm().item():.3g}; lambda like 2p/(1-p) = {2 * p / (1 - p):.3g}")  # (4)!
