import copy

import torch
from torch import nn

torch.manual_seed(0)

X, y = torch.randn(64, 3), torch.randn(64, 1)
model = nn.Linear(3, 1)
hand, naive = copy.deepcopy(model), copy.deepcopy(model)  # (1)!
lr, mu = 0.05, 0.9


def heavy_ball_step(net, velocity, fused):
    net.zero_grad()
    nn.functional.mse_loss(net(X), y).backward()
    with torch.no_grad():
        for p, v in zip(net.parameters(), velocity):
            v.mul_(mu).add_(p.grad)  # (2)!
            if fused:
                p.add_(v, alpha=-lr)  # (3)!
            else:
                p -= lr * v


opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=mu)
v_hand = [torch.zeros_like(p) for p in hand.parameters()]
v_naive = [torch.zeros_like(p) for p in naive.parameters()]
for step in range(30):
    opt.zero_grad()
    nn.functional.mse_loss(model(X), y).backward()
    opt.step()
    heavy_ball_step(hand, v_hand, fused=True)
    heavy_ball_step(naive, v_naive, fused=False)

pairs = list(zip(model.parameters(), hand.parameters(), naive.parameters()))
print("SGD == hand (add_ with alpha):", all(torch.equal(a, b) for a, b, _ in pairs))
print("SGD ≈ hand (p -= lr * v), within rtol 1e-6:",
      all(torch.allclose(a, c, rtol=1e-6, atol=0) for a, _, c in pairs))
