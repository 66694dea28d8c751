import torch

torch.manual_seed(0)

scale = torch.tensor([1.0, 0.01], dtype=torch.float64)  # (1)!
X = torch.randn(256, 2, dtype=torch.float64) * scale
y = X @ torch.ones(2, dtype=torch.float64)  # (2)!
lr, wd = 0.01, 0.1


def train(make_opt, checkpoints):
    w = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    opt, kept = make_opt([w]), []
    for step in range(1, checkpoints[-1] + 1):
        opt.zero_grad()
        ((X @ w - y) ** 2).mean().backward()
        opt.step()
        if step in checkpoints:
            kept.append(f"{step:5d} steps: " + "  ".join(f"{x:.3f}" for x in w.tolist()))
    return kept


w0 = torch.zeros(2, dtype=torch.float64, requires_grad=True)
((X @ w0 - y) ** 2).mean().backward()
print("loss gradient at w = 0:  ", "  ".join(f"{x:.1e}" for x in w0.grad.tolist()))
print("w for scale 1 and for scale 0.01")
print("Adam, no decay     ", *train(lambda p: torch.optim.Adam(p, lr=lr), (500,)))
print("Adam(weight_decay) ", *train(lambda p: torch.optim.Adam(p, lr=lr, weight_decay=wd), (500,)))
A = X.T @ X / len(X)  # (3)!
ridge = torch.linalg.solve(A + wd / 2 * torch.eye(2, dtype=torch.float64), A @ torch.ones(2, dtype=torch.float64))
print("ridge, closed form              ", "  ".join(f"{x:.3f}" for x in ridge.tolist()))
for line in train(lambda p: torch.optim.AdamW(p, lr=lr, weight_decay=wd), (500, 1000, 2000)):  # (4)!
    print("AdamW              ", line)
