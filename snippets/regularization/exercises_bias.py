import torch

torch.manual_seed(0)


def synthetic_data(n, b, w=torch.full((200, 1), 0.01)):
    X = torch.normal(0.0, 1.0, (n, 200))
    return X, X @ w + b + torch.normal(0.0, 0.01, (n, 1))


for true_b in (0.05, 5.0):  # (1)!
    (X_tr, y_tr), (X_te, y_te) = synthetic_data(20, true_b), synthetic_data(100, true_b)
    loss_on_test = lambda w, b: ((X_te @ w + b - y_te) ** 2).mean().item()
    Z = torch.cat([X_tr, torch.ones(20, 1)], dim=1).double()
    for bias_wd in (0, 30):
        torch.manual_seed(1)
        w, b = torch.normal(0.0, 1.0, (200, 1)), torch.normal(0.0, 1.0, (1,))
        w.requires_grad_(), b.requires_grad_()
        b_start = b.item()
        opt = torch.optim.SGD([{"params": [w], "weight_decay": 30},
                               {"params": [b], "weight_decay": bias_wd}], lr=0.003)
        for epoch in range(100):
            for idx in torch.randperm(20).split(5):
                opt.zero_grad()
                ((X_tr[idx] @ w + b - y_tr[idx]) ** 2).mean().backward()
                opt.step()
        decay = torch.diag(torch.tensor([30.0] * 200 + [bias_wd], dtype=torch.float64))  # (2)!
        theta = torch.linalg.solve(2 / 20 * Z.T @ Z + decay, 2 / 20 * Z.T @ y_tr.double()).float()
        print(f"true b = {true_b}, decay on b = {bias_wd:2d}: 100 epochs: b {b_start:.2f} -> {b.item():.3f}, "
              f"test {loss_on_test(w.detach(), b.detach()):.3g}; "
              f"converged: b {theta[-1].item():.3f}, test {loss_on_test(theta[:-1], theta[-1]):.3g}")
