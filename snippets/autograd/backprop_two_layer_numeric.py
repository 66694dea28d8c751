import torch

torch.manual_seed(0)

X = torch.randn(8, 3, dtype=torch.float64)
Y = torch.randn(8, 2, dtype=torch.float64)
params = [torch.randn(4, 3, dtype=torch.float64), torch.randn(4, dtype=torch.float64),
          torch.randn(2, 4, dtype=torch.float64), torch.randn(2, dtype=torch.float64)]


def loss_fn(W1, b1, W2, b2):
    return (((X @ W1.T + b1).relu() @ W2.T + b2 - Y) ** 2).mean()


auto = torch.autograd.grad(loss_fn(*[p.requires_grad_() for p in params]), params)
h, worst = 1e-6, 0.0
with torch.no_grad():
    for p, g in zip(params, auto):
        for i in range(p.numel()):  # (1)!
            old = p.view(-1)[i].item()
            p.view(-1)[i] = old + h
            up = loss_fn(*params)
            p.view(-1)[i] = old - h
            down = loss_fn(*params)
            p.view(-1)[i] = old
            worst = max(worst, abs((up - down).item() / (2 * h) - g.view(-1)[i].item()))
    kink = (X @ params[0].T + params[1]).abs().min().item()  # (2)!
print(f"{sum(p.numel() for p in params)} parameters, closest z to the kink: {kink:.3f}")
print("max |numeric - autograd| < 1e-8:", worst < 1e-8)
