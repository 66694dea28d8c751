import torch

torch.manual_seed(0)

X = torch.randn(8, 3, dtype=torch.float64)  # the network of backprop_two_layer.py
Y = torch.randn(8, 2, dtype=torch.float64)
params = [torch.randn(4, 3, dtype=torch.float64, requires_grad=True),
          torch.randn(4, dtype=torch.float64, requires_grad=True),
          torch.randn(2, 4, dtype=torch.float64, requires_grad=True),
          torch.randn(2, dtype=torch.float64, requires_grad=True)]


def loss_fn(W1, b1, W2, b2):
    return (((X @ W1.T + b1).relu() @ W2.T + b2 - Y) ** 2).mean()


loss_fn(*params).backward()  # (1)!
values = [p.detach().clone() for p in params]
h, worst = 1e-6, 0.0
for p, v in zip(params, values):
    for i in range(v.numel()):  # (2)!
        old = v.view(-1)[i].item()
        v.view(-1)[i] = old + h
        up = loss_fn(*values)
        v.view(-1)[i] = old - h
        down = loss_fn(*values)
        v.view(-1)[i] = old
        worst = max(worst, abs((up - down).item() / (2 * h) - p.grad.view(-1)[i].item()))
kink = (X @ values[0].T + values[1]).abs().min().item()  # (3)!
print(f"{sum(v.numel() for v in values)} parameters, closest z to the kink: {kink:.3f}")
print(f"max |X| = {X.abs().max().item():.2f}, h * max |X| = {h * X.abs().max().item():.1e}")
print("max |numeric - autograd| < 1e-8:", worst < 1e-8)
