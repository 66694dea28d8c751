import torch

torch.manual_seed(0)

xs = [1.0, 2.0, 3.0]
ys = [2.0, 4.0, 6.0]

for lr in [0.01, 0.1, 0.3]:
    w = torch.tensor([1.0], requires_grad=True)
    for epoch in range(20):
        for x, y in zip(xs, ys):
            ((x * w - y) ** 2).backward()
            with torch.no_grad():
                w -= lr * w.grad
            w.grad.zero_()
    factors = [1 - 2 * lr * x**2 for x in xs]
    rho = factors[0] * factors[1] * factors[2]
    print(f"lr={lr}: factors", " ".join(f"{f:+.2f}" for f in factors),
          f" rho={rho:+.4f}  w after 20 epochs = {w.item():.4g}")
