import torch

torch.manual_seed(0)


def synthetic_data(n, w=torch.full((200, 1), 0.01), b=0.05):
    X = torch.normal(0.0, 1.0, (n, 200))
    return X, X @ w + b + torch.normal(0.0, 0.01, (n, 1))


(X_tr, y_tr), (X_te, y_te), _ = synthetic_data(20), synthetic_data(100), synthetic_data(100)
X_more, y_more = synthetic_data(380)
X_pool, y_pool = torch.cat([X_tr, X_more]), torch.cat([y_tr, y_more])  # (1)!

for n in (20, 100, 200, 400):
    torch.manual_seed(1)
    w, b = torch.normal(0.0, 1.0, (200, 1)), torch.normal(0.0, 1.0, (1,))
    w.requires_grad_(), b.requires_grad_()
    opt = torch.optim.SGD([w, b], lr=0.003)
    for epoch in range(100):
        for idx in torch.randperm(n).split(5):
            opt.zero_grad()
            ((X_pool[idx] @ w + b - y_pool[idx]) ** 2).mean().backward()
            opt.step()
    with torch.no_grad():
        train, test = [((X @ w + b - y) ** 2).mean().item() for X, y in ((X_pool[:n], y_pool[:n]), (X_te, y_te))]
    shown = f"{train:.2g}" if train >= 1e-8 else "< 1e-8"  # (2)!
    untouched = 200 - torch.linalg.matrix_rank(X_pool[:n]).item()  # (3)!
    print(f"n = {n:3d}: untouched {untouched:3d}, train {shown}, test {test:.3g}, |w| {w.norm().item():.3g}")
