import torch

torch.manual_seed(0)


def synthetic_data(n, w=torch.full((200, 1), 0.01), b=0.05):  # (1)!
    X = torch.normal(0.0, 1.0, (n, 200))
    return X, X @ w + b + torch.normal(0.0, 0.01, (n, 1))


(X_tr, y_tr), (X_te, y_te), (X_va, y_va) = synthetic_data(20), synthetic_data(100), synthetic_data(100)
mse = lambda w, b, X, y: ((X @ w + b - y) ** 2).mean().item()

for init in ("normal", "zero"):
    torch.manual_seed(1)
    w, b = torch.normal(0.0, 1.0, (200, 1)), torch.normal(0.0, 1.0, (1,))
    if init == "zero":
        w, b = torch.zeros_like(w), torch.zeros_like(b)
    w.requires_grad_(), b.requires_grad_()
    opt, hist = torch.optim.SGD([w, b], lr=0.003), []
    for epoch in range(100):
        for idx in torch.randperm(20).split(5):
            opt.zero_grad()
            ((X_tr[idx] @ w + b - y_tr[idx]) ** 2).mean().backward()
            opt.step()
        hist.append((mse(w, b, X_va, y_va), mse(w, b, X_te, y_te)))
    best = min(range(100), key=lambda e: hist[e][0])  # (2)!
    print(f"{init} init: stop at epoch {best + 1}, val {hist[best][0]:.4g}, test {hist[best][1]:.4g};"
          f" epoch 100: val {hist[-1][0]:.4g}, test {hist[-1][1]:.4g}")
