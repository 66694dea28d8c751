import torch

torch.manual_seed(0)

scale = torch.tensor([1.0, 0.01], dtype=torch.float64)  # (1)!
X = torch.randn(256, 2, dtype=torch.float64) * scale
y = X @ torch.ones(2, dtype=torch.float64)  # (2)!
lr, wd = 0.01, 0.1

optimizers = {
    "Adam, no decay    ": lambda p: torch.optim.Adam(p, lr=lr),
    "Adam(weight_decay)": lambda p: torch.optim.Adam(p, lr=lr, weight_decay=wd),
    "AdamW             ": lambda p: torch.optim.AdamW(p, lr=lr, weight_decay=wd),
}
w0 = torch.zeros(2, dtype=torch.float64, requires_grad=True)
((X @ w0 - y) ** 2).mean().backward()
print("loss gradient at w = 0: ", "  ".join(f"{x:.1e}" for x in w0.grad.tolist()))
print("                    w for scale 1   w for scale 0.01")
for name, make in optimizers.items():
    w = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    opt = make([w])
    for _ in range(500):
        opt.zero_grad()
        ((X @ w - y) ** 2).mean().backward()
        opt.step()
    print(name, "  ".join(f"{x:14.3f}" for x in w.tolist()))

A = X.T @ X / len(X)  # (3)!
ridge = torch.linalg.solve(A + wd / 2 * torch.eye(2, dtype=torch.float64), A @ torch.ones(2, dtype=torch.float64))
print("ridge, closed form", "  ".join(f"{x:14.3f}" for x in ridge.tolist()))
