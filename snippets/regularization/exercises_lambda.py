import torch

torch.manual_seed(0)


def synthetic_data(n, w=torch.full((200, 1), 0.01), b=0.05):  # (1)!
    X = torch.normal(0.0, 1.0, (n, 200))
    return X, X @ w + b + torch.normal(0.0, 0.01, (n, 1))


(X_tr, y_tr), (X_te, y_te) = synthetic_data(20), synthetic_data(100)
print("directions the 20 training inputs never touch:", 200 - torch.linalg.matrix_rank(X_tr).item())
Z = torch.cat([X_tr, torch.ones(20, 1)], dim=1).double()
P = torch.diag(torch.tensor([1.0] * 200 + [0.0], dtype=torch.float64))  # no penalty on b


def converged_test(wd, start):  # (2)!
    if wd == 0:  # the interpolating (w, b) nearest the start
        theta = start - torch.linalg.pinv(Z) @ (Z @ start - y_tr.double())
    else:  # the one minimizer, whatever the start
        theta = torch.linalg.solve(2 / 20 * Z.T @ Z + wd * P, 2 / 20 * Z.T @ y_tr.double())
    return ((X_te.double() @ theta[:-1] + theta[-1] - y_te.double()) ** 2).mean().item()


for wd in (0, 1, 10, 100, 300, 600, 650):
    torch.manual_seed(1)
    w, b = torch.normal(0.0, 1.0, (200, 1)), torch.normal(0.0, 1.0, (1,))
    start = torch.cat([w, b[:, None]]).double()
    w.requires_grad_(), b.requires_grad_()
    opt = torch.optim.SGD([{"params": [w], "weight_decay": wd}, {"params": [b]}], lr=0.003)
    for epoch in range(100):
        for idx in torch.randperm(20).split(5):
            opt.zero_grad()
            ((X_tr[idx] @ w + b - y_tr[idx]) ** 2).mean().backward()
            opt.step()
    with torch.no_grad():
        train, test = [((X @ w + b - y) ** 2).mean().item() for X, y in ((X_tr, y_tr), (X_te, y_te))]
    shown = f"{train:.2g}" if train >= 1e-8 else "< 1e-8"  # (3)!
    after_100 = f"train {shown}, test {test:.3g}" if train < 1e3 else "diverged"  # (4)!
    print(f"lambda = {wd:3d}: 100 epochs: {after_100}; converged: test {converged_test(wd, start):.3g}")
