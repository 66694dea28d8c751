import torch
import torch.nn.functional as F

torch.manual_seed(0)


def synthetic_data(n, w=torch.full((200, 1), 0.01), b=0.05):
    X = torch.normal(0.0, 1.0, (n, 200))
    return X, X @ w + b + torch.normal(0.0, 0.01, (n, 1))


X_tr, y_tr = synthetic_data(20)  # (1)!
p = 0.99
print(f"p/(1-p) = {p / (1 - p):.3g}; kept inputs are scaled by 1/(1-p) = {1 / (1 - p):.3g}")
torch.manual_seed(1)
w, b = torch.normal(0.0, 1.0, (200, 1)), torch.normal(0.0, 1.0, (1,))
w.requires_grad_(), b.requires_grad_()
opt = torch.optim.SGD([w, b], lr=0.003)
for epoch in range(100):
    for idx in torch.randperm(20).split(5):
        opt.zero_grad()
        ((F.dropout(X_tr[idx], p, training=True) @ w + b - y_tr[idx]) ** 2).mean().backward()
        opt.step()
    if epoch in (0, 2):
        print(f"|w| after epoch {epoch + 1}: {w.norm().item():.3g}")  # (2)!
print("w still finite after 100 epochs:", torch.isfinite(w).all().item())
