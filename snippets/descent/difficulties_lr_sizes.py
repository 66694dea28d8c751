import torch

torch.manual_seed(0)

for lr in (0.01, 0.1, 0.5, 0.9, 1.1):
    x = torch.tensor(1.0, requires_grad=True)
    xs = []
    for step in range(20):
        (x**2).backward()  # (1)!
        with torch.no_grad():
            x -= lr * x.grad
        x.grad = None
        xs.append(x.item())
    first = ", ".join(f"{v:+.3f}" for v in xs[:3])
    print(f"lr = {lr:<4}  x1..x3 = {first}   x20 = {xs[-1]:+.3e}")
