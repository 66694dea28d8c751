import torch
from torch import nn

torch.manual_seed(0)

depth, width = 30, 128
X, target = torch.randn(256, width), torch.randn(256, width)


def exploding_net():  # (1)!
    torch.manual_seed(1)
    layers = [nn.Linear(width, width) for _ in range(depth)]
    for layer in layers:
        nn.init.normal_(layer.weight, std=0.2)
        nn.init.zeros_(layer.bias)
    return nn.Sequential(*[m for layer in layers for m in (layer, nn.ReLU())])


for clip in (False, True):
    net = exploding_net()
    opt = torch.optim.SGD(net.parameters(), lr=0.01)
    losses = []
    for step in range(5):
        opt.zero_grad()
        loss = nn.functional.mse_loss(net(X), target)
        loss.backward()
        if clip:
            nn.utils.clip_grad_norm_(net.parameters(), max_norm=1.0)  # (2)!
        opt.step()
        losses.append(f"{loss.item():.2e}")
        if loss.isnan():  # (3)!
            break
    print("clipped" if clip else "plain  ", "  ".join(losses))
