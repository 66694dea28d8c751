import torch
import torch.nn.functional as F

torch.manual_seed(0)

X, target = torch.randn(100, 3), torch.randn(100)
for name, act in [("relu", torch.relu), ("leaky_relu", lambda z: F.leaky_relu(z, 0.01))]:
    w = torch.tensor([0.5, -0.5, 0.5], requires_grad=True)
    b = torch.tensor(-10.0, requires_grad=True)  # (1)!
    opt = torch.optim.SGD([w, b], lr=0.5)
    for step in range(100):
        opt.zero_grad()
        z = X @ w + b
        ((act(z) - target) ** 2).mean().backward()
        if step == 0:
            print(f"{name:10s} every z < 0: {bool((z < 0).all())};",
                  f"w.grad all zero: {bool((w.grad == 0).all())}; b.grad {b.grad.item():+.4f}")
        opt.step()  # (2)!
    print(f"{name:10s} after 100 steps: b = {b.item():.2f}")
