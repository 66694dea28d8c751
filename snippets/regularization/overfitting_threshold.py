import torch

torch.manual_seed(0)


def synthetic_data(n, w=torch.full((200, 1), 0.01), b=0.05):
    X = torch.normal(0.0, 1.0, (n, 200))
    return X, X @ w + b + torch.normal(0.0, 0.01, (n, 1))


(X_tr, y_tr), (X_te, y_te), _ = synthetic_data(20), synthetic_data(100), synthetic_data(100)
X_more, y_more = synthetic_data(380)
X_pool, y_pool = torch.cat([X_tr, X_more]).double(), torch.cat([y_tr, y_more]).double()  # (1)!
torch.manual_seed(1)
start = torch.cat([torch.normal(0.0, 1.0, (200, 1)), torch.normal(0.0, 1.0, (1, 1))]).double()


def loss_on_test(theta):  # theta = (w, b)
    return ((X_te.double() @ theta[:-1] + theta[-1] - y_te.double()) ** 2).mean().item()


for n in (20, 100, 200, 210, 400):
    Z = torch.cat([X_pool[:n], torch.ones(n, 1, dtype=torch.float64)], dim=1)
    Z_pinv = torch.linalg.pinv(Z)
    from_start = start - Z_pinv @ (Z @ start - y_pool[:n])  # (2)!
    from_zero = Z_pinv @ y_pool[:n]  # (3)!
    s_min = torch.linalg.svdvals(X_pool[:n]).min().item()
    print(f"n = {n:3d}: {100 * n // 5:4d} steps in 100 epochs, min singular value of X {s_min:.3f}; "
          f"converged test loss: from the N(0,1) start {loss_on_test(from_start):.3g}, from 0 {loss_on_test(from_zero):.3g}")
