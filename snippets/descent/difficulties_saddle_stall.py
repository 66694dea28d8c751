import torch

torch.manual_seed(0)


def f(p):
    x, y = p
    return x**2 + y**4 / 4 - y**2 / 2  # (1)!


p = torch.tensor([1.0, 0.0], requires_grad=True)  # (2)!
lr = 0.1
for step in range(201):
    loss = f(p)
    loss.backward()
    if step in (0, 1, 10, 50, 200):
        print(f"step {step:3d}  p = {p.detach()}  grad = {p.grad}  f = {loss.item():.4f}")
    with torch.no_grad():
        p -= lr * p.grad
    p.grad = None
